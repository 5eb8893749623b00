using System.Collections.Concurrent;

namespace Workbook.Benchmarks.Support;

/// <summary>Which backends the suites ran on, collected for the report (the suites run in this process).</summary>
public static class BackendLog
{
    private static readonly ConcurrentDictionary<string, byte> Seen = new();

    public static IEnumerable<string> Descriptions => Seen.Keys.Order(StringComparer.Ordinal);

    public static void Record(string description)
    {
        Seen.TryAdd(description, 0);
        Console.WriteLine($"// Backend: {description}");
    }
}
