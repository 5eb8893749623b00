using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Workbook.Benchmarks.Redis;

namespace Workbook.Benchmarks.Support;

/// <summary>
/// Writes <c>workbook-report.md</c> and <c>redis-vs-redis-benchmark.csv</c> next to BenchmarkDotNet's results:
/// operations per second for every benchmark, its ratio to the suite's baseline, and for the Redis suites the same
/// commands measured by redis-benchmark on the same server in the same run.
/// </summary>
public static class WorkbookReport
{
    public static async Task<string> WriteAsync(IReadOnlyList<Summary> summaries, string redisConnection, int redisBenchmarkRequests, DateTimeOffset started, string commandLine)
    {
        var directory = summaries[0].ResultsDirectoryPath;
        Directory.CreateDirectory(directory);
        var text = new StringBuilder()
            .AppendLine("# Workbook benchmark report").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm zzz}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine.Describe()}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Command: `{commandLine}`");
        foreach (var backend in BackendLog.Descriptions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {backend}");
        }

        foreach (var summary in summaries)
        {
            AppendSuite(text, summary);
        }

        var redisSuites = summaries.SelectMany(s => s.BenchmarksCases.Select(c => (Summary: s, Type: c.Descriptor.Type)))
            .Where(x => typeof(RedisSuite).IsAssignableFrom(x.Type))
            .DistinctBy(x => x.Type)
            .ToList();
        if (redisSuites.Count > 0)
        {
            await AppendRedisBenchmarkAsync(text, redisSuites, redisConnection, redisBenchmarkRequests, directory);
        }

        var path = Path.Combine(directory, "workbook-report.md");
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine(text);
        return path;
    }

    private static void AppendSuite(StringBuilder text, Summary summary)
    {
        foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Type))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {group.Key.Name}").AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Job: {group.First().BenchmarkCase.Job.DisplayInfo}").AppendLine()
                .AppendLine("| benchmark | parameters | ops/s | ± 99.9% CI | ratio to baseline |")
                .AppendLine("|---|---|---:|---:|---:|");
            foreach (var report in group)
            {
                var ops = OpsPerSecondColumn.Of(summary, report.BenchmarkCase);
                var stats = report.ResultStatistics;
                var margin = stats is { Mean: > 0 } ? $"{stats.ConfidenceInterval.Margin / stats.Mean * 100:0}%" : "NA";
                var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline && r.BenchmarkCase.Parameters.DisplayInfo == report.BenchmarkCase.Parameters.DisplayInfo);
                var ratio = baseline is null ? "—" : RedisBenchmarkComparison.Ratio(ops, OpsPerSecondColumn.Of(summary, baseline.BenchmarkCase) ?? 0);
                RedisBenchmarkComparison.AppendRow(
                    text,
                    report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                    report.BenchmarkCase.Parameters.DisplayInfo,
                    ops?.ToString("N0", CultureInfo.InvariantCulture) ?? "failed",
                    margin,
                    ratio);
            }
        }
    }

    private static async Task AppendRedisBenchmarkAsync(StringBuilder text, List<(Summary Summary, Type Type)> suites, string redisConnection, int requests, string directory)
    {
        text.AppendLine().AppendLine("## Redis hot paths against redis-benchmark (same server, same run)").AppendLine();
        if (!RedisBenchmarkTool.IsInstalled)
        {
            text.AppendLine("redis-benchmark is not on PATH (Debian: `apt-get install redis-tools`); no comparison.");
            return;
        }

        text.AppendLine("| suite | callers | bare ops/s | lesson ops/s | redis-benchmark ops/s | lesson ÷ bare | lesson ÷ redis-benchmark | bare ÷ redis-benchmark |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var csv = new StringBuilder("suite,callers,bare_ops_s,lesson_ops_s,redis_benchmark_ops_s\n");
        var commands = new List<string>();
        foreach (var (summary, type) in suites)
        {
            var cases = summary.BenchmarksCases.Where(c => c.Descriptor.Type == type).ToList();
            var bare = cases.Where(c => c.Descriptor.Baseline).Select(c => OpsPerSecondColumn.Of(summary, c)).FirstOrDefault();
            var lesson = cases.Where(c => !c.Descriptor.Baseline).Select(c => OpsPerSecondColumn.Of(summary, c)).FirstOrDefault();
            var callers = cases.Select(c => c.Parameters["Concurrency"]).OfType<int>().FirstOrDefault();
            var tool = new RedisBenchmarkTool(redisConnection, callers, requests);
            var measured = await RedisBenchmarkComparisons.RunAsync(type, tool);
            if (measured is null)
            {
                continue;
            }

            commands.Add($"- {type.Name}: `{measured.CommandLine}`");
            RedisBenchmarkComparison.AppendRow(
                text,
                type.Name,
                $"{callers}",
                bare?.ToString("N0", CultureInfo.InvariantCulture) ?? "NA",
                lesson?.ToString("N0", CultureInfo.InvariantCulture) ?? "NA",
                measured.Format(),
                RedisBenchmarkComparison.Ratio(lesson, bare ?? 0),
                RedisBenchmarkComparison.Ratio(lesson, measured.OperationsPerSecond),
                RedisBenchmarkComparison.Ratio(bare, measured.OperationsPerSecond));
            csv.Append(CultureInfo.InvariantCulture, $"{type.Name},{callers},{bare:F0},{lesson:F0},{measured.OperationsPerSecond:F0}\n");
        }

        text.AppendLine().AppendLine("redis-benchmark commands:").AppendLine();
        commands.ForEach(line => text.AppendLine(line));
        await File.WriteAllTextAsync(Path.Combine(directory, "redis-vs-redis-benchmark.csv"), csv.ToString());
    }
}
