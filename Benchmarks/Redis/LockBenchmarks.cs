using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using Workbook.Benchmarks.Support;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Redis;

/// <summary>
/// Lesson 08: one operation is an uncontended acquire AND release (two Lua round trips); every caller has its own
/// lock name, so nobody waits for anybody and the numbers measure the commands, not the contention.
/// </summary>
public class LockBenchmarks : RedisSuite
{
    public static readonly string AcquireScript = LessonScript.Of<DistributedLock>("AcquireScript");
    public static readonly string ReleaseScript = LessonScript.Of<DistributedLock>("ReleaseScript");
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);

    private DistributedLock[] _locks = [];
    private RedisKey[][] _acquireKeys = [];
    private RedisKey[][] _releaseKeys = [];
    private RedisValue[] _tokens = [];

    protected override Task SetupAsync()
    {
        _locks = Enumerable.Range(0, Concurrency).Select(c => new DistributedLock(Db, $"lesson-{c}", Expiry)).ToArray();
        _acquireKeys = Enumerable.Range(0, Concurrency).Select(c => new RedisKey[] { $"lock:{{bare-{c}}}", $"lock:{{bare-{c}}}:fence" }).ToArray();
        _releaseKeys = _acquireKeys.Select(keys => new[] { keys[0] }).ToArray();
        _tokens = Enumerable.Range(0, Concurrency).Select(_ => (RedisValue)Guid.NewGuid().ToString("N")).ToArray();
        return Task.CompletedTask;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "bare EVALSHA acquire + EVALSHA release")]
    public Task Bare() => Callers.RunAsync(Concurrency, Operations, async (caller, _) =>
    {
        var token = await Db.ScriptEvaluateAsync(AcquireScript, _acquireKeys[caller], [_tokens[caller], (long)Expiry.TotalMilliseconds]);
        if (token.IsNull)
        {
            throw new InvalidOperationException("An uncontended bare acquire failed.");
        }

        await Db.ScriptEvaluateAsync(ReleaseScript, _releaseKeys[caller], [_tokens[caller]]);
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "lesson 08 TryAcquireAsync + ReleaseAsync")]
    public Task Lesson() => Callers.RunAsync(Concurrency, Operations, async (caller, _) =>
    {
        var held = _locks[caller];
        if (!await held.TryAcquireAsync())
        {
            throw new InvalidOperationException("An uncontended lesson acquire failed.");
        }

        await held.ReleaseAsync();
    });
}
