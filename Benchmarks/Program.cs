using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Workbook.Benchmarks.Support;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Redis;

// Usage: dotnet run -c Release --project Benchmarks -- --filter '*' [BenchmarkDotNet options]
//   Defaults added unless given: --job short (3 warm-ups, 3 iterations, 1 launch) and --inProcess (no per-benchmark
//   build: cheaper on a small machine; every suite still gets its own backend in GlobalSetup).
//   Own options: --out-of-process (do not add --inProcess), --redis-benchmark-requests N (default 100000; 10000 with --job dry).
var arguments = args.ToList();
var outOfProcess = arguments.Remove("--out-of-process");
var requests = TakeValue(arguments, "--redis-benchmark-requests") is { } given ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
var dry = arguments.Contains("dry", StringComparer.OrdinalIgnoreCase);
if (!arguments.Contains("--job") && !arguments.Contains("-j"))
{
    arguments.AddRange(["--job", "short"]);
}

if (!outOfProcess && !arguments.Contains("--inProcess") && !arguments.Contains("-i"))
{
    arguments.Add("--inProcess");
}

// One Redis for the whole run, so the suites and redis-benchmark measure the same server.
await using var redis = await RedisBackend.StartAsync();
if (string.IsNullOrWhiteSpace(WorkbookEnvironment.Redis))
{
    Environment.SetEnvironmentVariable(WorkbookEnvironment.RedisVariable, redis.ConnectionString);
}

BackendLog.Record(redis.Description);
var started = DateTimeOffset.Now;
var config = DefaultConfig.Instance.AddColumn(OpsPerSecondColumn.Instance);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. arguments], config).ToList();
if (summaries.Count == 0)
{
    return 1;
}

var report = await WorkbookReport.WriteAsync(summaries, redis.ConnectionString, requests ?? (dry ? 10_000 : 100_000), started, "dotnet run -c Release --project Benchmarks -- " + string.Join(' ', args));
Console.WriteLine($"// Workbook report: {report}");
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success)) ? 1 : 0;

static string? TakeValue(List<string> arguments, string name)
{
    var at = arguments.IndexOf(name);
    if (at < 0 || at + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}
