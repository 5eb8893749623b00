using System.Globalization;
using System.Text;
using Workbook.Benchmarks.Support;

namespace Workbook.Benchmarks.Redis;

/// <summary>
/// For each Redis suite: the same commands run by <c>redis-benchmark</c> on the same server, giving requests per
/// second for ONE lesson operation (for the lock, one acquire plus one release: 1 / (1/acquire + 1/release)).
/// </summary>
public static class RedisBenchmarkComparisons
{
    private const int RandomRange = 10_000;

    public static async Task<RedisBenchmarkComparison?> RunAsync(Type suite, RedisBenchmarkTool tool)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if (suite == typeof(RateLimiterBenchmarks))
        {
            var sha = await tool.LoadScriptAsync(RateLimiterBenchmarks.Script);
            string[] command = ["EVALSHA", sha, "1", "rb:rate_limit:{user-__rand_int__}", now, $"{(long)RateLimiterBenchmarks.Window.TotalMilliseconds}", $"{RateLimiterBenchmarks.MaxRequests}", "rb-__rand_int__"];
            return new(tool.Describe(command, RandomRange), await tool.RunAsync(command, RandomRange));
        }

        if (suite == typeof(LeaderboardBenchmarks))
        {
            string[] command = ["ZADD", "rb:game:leaderboard", "__rand_int__", "player-__rand_int__"];
            return new(tool.Describe(command, RandomRange), await tool.RunAsync(command, RandomRange));
        }

        if (suite == typeof(LockBenchmarks))
        {
            var acquireSha = await tool.LoadScriptAsync(LockBenchmarks.AcquireScript);
            var releaseSha = await tool.LoadScriptAsync(LockBenchmarks.ReleaseScript);
            var expiry = $"{(long)LockBenchmarks.Expiry.TotalMilliseconds}";
            // A wide key range so most acquires find the lock free, as in the benchmark.
            const int range = 10_000_000;
            string[] acquire = ["EVALSHA", acquireSha, "2", "rb:lock:{__rand_int__}", "rb:lock:{__rand_int__}:fence", "token", expiry];
            string[] release = ["EVALSHA", releaseSha, "1", "rb:lock:{__rand_int__}", "token"];
            var acquireRps = await tool.RunAsync(acquire, range);
            var releaseRps = await tool.RunAsync(release, range);
            return new(
                $"{tool.Describe(acquire, range)} ({acquireRps:N0} req/s); {tool.Describe(release, range)} ({releaseRps:N0} req/s)",
                1 / ((1 / acquireRps) + (1 / releaseRps)));
        }

        if (suite == typeof(CacheHitBenchmarks))
        {
            await tool.ExecuteAsync("SET", "rb:" + CacheHitBenchmarks.RedisKeyName, CacheHitBenchmarks.StoredJson);
            string[] command = ["GET", "rb:" + CacheHitBenchmarks.RedisKeyName];
            return new(tool.Describe(command, RandomRange), await tool.RunAsync(command, RandomRange));
        }

        return null;
    }
}

/// <summary>What redis-benchmark ran and how many lesson-equivalent operations per second it reached.</summary>
public sealed record RedisBenchmarkComparison(string CommandLine, double OperationsPerSecond)
{
    public string Format() => OperationsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double? numerator, double denominator) =>
        numerator is { } value && denominator > 0 ? (value / denominator).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "NA";

    public static StringBuilder AppendRow(StringBuilder builder, params string[] cells) => builder.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
}
