using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Workbook.Benchmarks.Support;
using Workbook.Contracts;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Redis;

/// <summary>
/// Lesson 10: a cache hit on a warm key (GET plus JSON deserialization of a small product), against the bare GET it
/// wraps. The loader throws: a miss during the benchmark would be a bug, not a slow path.
/// </summary>
public class CacheHitBenchmarks : RedisSuite
{
    public const string CacheKey = "product:42";
    public const string RedisKeyName = "cache:" + CacheKey;
    public static readonly Product Value = new(42, "Mechanical keyboard", 89.90m, ["peripherals", "keyboards"]);

    private static readonly Func<CancellationToken, Task<Product?>> NoLoader =
        _ => throw new InvalidOperationException("The warm key was a miss.");

    private ReadThroughCache _cache = null!;

    /// <summary>The JSON the cache stores for <see cref="Value"/> (what redis-benchmark reads back).</summary>
    public static byte[] StoredJson => JsonSerializer.SerializeToUtf8Bytes(Value, WorkbookJson.Options);

    protected override async Task SetupAsync()
    {
        _cache = new ReadThroughCache(Db);
        await _cache.GetOrLoadAsync(CacheKey, _ => Task.FromResult<Product?>(Value), TimeSpan.FromHours(1));
    }

    protected override Task CleanupAsync() => _cache.InvalidateAsync(CacheKey);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "bare GET")]
    public Task Bare() => Callers.RunAsync(Concurrency, Operations, (_, _) => Db.StringGetAsync(RedisKeyName));

    [Benchmark(OperationsPerInvoke = Operations, Description = "lesson 10 GetOrLoadAsync (hit)")]
    public Task Lesson() => Callers.RunAsync(Concurrency, Operations, (_, _) => _cache.GetOrLoadAsync(CacheKey, NoLoader, TimeSpan.FromHours(1)));

    /// <summary>A small catalog entry, the kind the capstone caches.</summary>
    public sealed record Product(long Id, string Name, decimal Price, IReadOnlyList<string> Tags);
}
