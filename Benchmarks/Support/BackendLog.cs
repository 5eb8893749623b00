using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Workbook.Benchmarks.Support;

/// <summary>Which backends the suites ran on, collected for the report (the suites run in this process).</summary>
public static partial class BackendLog
{
    private static readonly ConcurrentDictionary<string, byte> Seen = new();

    public static IEnumerable<string> Descriptions => Seen.Keys.Order(StringComparer.Ordinal);

    public static void Record(string description)
    {
        Console.WriteLine($"// Backend: {description}");
        // Every suite starts its own mock cluster on new ports; the report lists each kind of backend once.
        Seen.TryAdd(Addresses().Replace(description, "<loopback ports>"), 0);
    }

    [GeneratedRegex(@"\d{1,3}(\.\d{1,3}){3}:\d+(,\d{1,3}(\.\d{1,3}){3}:\d+)*")]
    private static partial Regex Addresses();
}
