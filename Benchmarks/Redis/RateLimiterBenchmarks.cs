using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using Workbook.Benchmarks.Support;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Redis;

/// <summary>
/// Lesson 06: one rate-limit decision (the sliding-window Lua script) per call, 10,000 users, 100 requests per
/// 60 s window, against the same script evaluated directly with StackExchange.Redis.
/// </summary>
public class RateLimiterBenchmarks : RedisSuite
{
    public const int Users = 10_000;
    public const int MaxRequests = 100;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    public static readonly string Script = LessonScript.Of<SlidingWindowRateLimiter>("DecideScript");

    private static readonly string[] UserIds = Enumerable.Range(0, Users).Select(i => $"user-{i}").ToArray();
    private static readonly RedisKey[][] UserKeys = UserIds.Select(id => new RedisKey[] { $"rate_limit:{{{id}}}" }).ToArray();

    private SlidingWindowRateLimiter _limiter = null!;
    private long _sequence;

    protected override Task SetupAsync()
    {
        _limiter = new SlidingWindowRateLimiter(Db, MaxRequests, Window);
        return Task.CompletedTask;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "bare EVALSHA (same script)")]
    public Task Bare() => Callers.RunAsync(Concurrency, Operations, (_, i) =>
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var member = $"{now}:bare:{Interlocked.Increment(ref _sequence)}";
        return Db.ScriptEvaluateAsync(Script, UserKeys[i % Users], [now, (long)Window.TotalMilliseconds, MaxRequests, member]);
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "lesson 06 DecideAsync")]
    public Task Lesson() => Callers.RunAsync(Concurrency, Operations, (_, i) => _limiter.DecideAsync(UserIds[i % Users]));
}
