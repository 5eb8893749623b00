using System.Runtime.InteropServices;

namespace Workbook.Infrastructure.Kafka;

/// <summary>
/// Where librdkafka's native library is, as a pure function of the OS, the process architecture and a probe (can
/// this file be loaded?), so that every platform's choice is tested on any one of them. The names are the ones
/// librdkafka.redist ships under <c>runtimes/&lt;rid&gt;/native/</c>: <c>librdkafka.so</c> (linux-x64, linux-arm64;
/// linux-x64 also has <c>centos8-librdkafka.so</c>, which loads where the default build cannot because Debian 12
/// lacks libsasl2.so.3, and both have an Alpine build), <c>librdkafka.dll</c> (win-x64, win-x86, beside the DLLs it
/// needs) and <c>librdkafka.dylib</c> (osx-arm64, osx-x64). A RID-specific publish puts the file beside the app instead.
/// </summary>
public static class LibrdkafkaLocator
{
    /// <summary>This process's OS.</summary>
    public static NativeOs CurrentOs =>
        OperatingSystem.IsWindows() ? NativeOs.Windows : OperatingSystem.IsMacOS() ? NativeOs.MacOS : NativeOs.Linux;

    /// <summary>The runtime identifier's OS part as NuGet spells it: <c>linux</c>, <c>win</c>, <c>osx</c>.</summary>
    public static string RidOs(NativeOs os) => os switch
    {
        NativeOs.Windows => "win",
        NativeOs.MacOS => "osx",
        _ => "linux",
    };

    /// <summary>The files to try, best first, in each folder (the app's folder, Confluent.Kafka's folder).</summary>
    public static IReadOnlyList<string> Candidates(NativeOs os, Architecture architecture, IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var rid = $"{RidOs(os)}-{architecture.ToString().ToLowerInvariant()}";
        string[] files = os switch
        {
            NativeOs.Windows => ["librdkafka.dll"],
            NativeOs.MacOS => ["librdkafka.dylib"],
            _ => ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"],
        };
        var candidates = new List<string>();
        foreach (var folder in folders.Distinct())
        {
            candidates.AddRange(files.Select(file => Path.Combine(folder, "runtimes", rid, "native", file)));
            candidates.AddRange(files.Select(file => Path.Combine(folder, file)));
        }

        return candidates;
    }

    /// <summary>The first candidate that <paramref name="loads"/> accepts, or null; <paramref name="tried"/> lists what was tried.</summary>
    public static string? Choose(NativeOs os, Architecture architecture, IEnumerable<string> folders, Func<string, bool> loads, List<string>? tried = null)
    {
        ArgumentNullException.ThrowIfNull(loads);
        foreach (var candidate in Candidates(os, architecture, folders))
        {
            tried?.Add(candidate);
            if (loads(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
