using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using Workbook.Benchmarks.Support;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Redis;

/// <summary>Lesson 05: a score update (ZADD) for one of 10,000 players, against <c>SortedSetAddAsync</c> itself.</summary>
public class LeaderboardBenchmarks : RedisSuite
{
    public const int Players = 10_000;
    public const string Key = "game:leaderboard";

    private static readonly string[] PlayerIds = Enumerable.Range(0, Players).Select(i => $"player-{i}").ToArray();
    private static readonly RedisValue[] PlayerValues = PlayerIds.Select(id => (RedisValue)id).ToArray();

    private GameLeaderboard _board = null!;

    protected override Task SetupAsync()
    {
        _board = new GameLeaderboard(Db, Key);
        return Task.CompletedTask;
    }

    protected override Task CleanupAsync() => Db.KeyDeleteAsync(Key);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "bare ZADD")]
    public Task Bare() => Callers.RunAsync(Concurrency, Operations, (_, i) => Db.SortedSetAddAsync(Key, PlayerValues[i % Players], i));

    [Benchmark(OperationsPerInvoke = Operations, Description = "lesson 05 AddScoreAsync")]
    public Task Lesson() => Callers.RunAsync(Concurrency, Operations, (_, i) => _board.AddScoreAsync(PlayerIds[i % Players], i));
}
