using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Workbook.Benchmarks.Support;

/// <summary>The machine the numbers came from: cores, CPU model, memory.</summary>
public static partial class Machine
{
    public static string Describe()
    {
        var model = ReadFirst("/proc/cpuinfo", CpuModel()) ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKb = ReadFirst("/proc/meminfo", MemTotal());
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "unknown";
        return $"{Environment.ProcessorCount} logical cores ({model}), {memory} RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string? ReadFirst(string path, Regex pattern)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var match = pattern.Match(File.ReadAllText(path));
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"model name\s*:\s*(.+)")]
    private static partial Regex CpuModel();

    [GeneratedRegex(@"MemTotal:\s*(\d+)")]
    private static partial Regex MemTotal();
}
