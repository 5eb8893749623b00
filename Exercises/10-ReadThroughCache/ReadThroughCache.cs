using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 10 — a read-through cache: values live in Redis as JSON under <c>cache:&lt;key&gt;</c>; a miss calls the
/// loader and stores its result with a TTL. Task: 0, "", [] and false are cached values too (hits), null is never cached,
/// and a cached value that no longer deserializes is a miss, not a crash.
/// Read docs/lessons/10-read-through-cache.md first.
/// </summary>
public sealed class ReadThroughCache
{
    private readonly IDatabase _redis;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<ReadThroughCache>? _logger;

    /// <param name="redis">Where the cached values live; the cache uses this one connection for its whole life.</param>
    /// <param name="json">How values (and <see cref="Wrap"/>'s arguments) are written as JSON; <see cref="JsonSerializerOptions.Default"/> when null.</param>
    /// <param name="logger">Where to report a cached value that no longer deserializes; nothing is logged when null.</param>
    public ReadThroughCache(IDatabase redis, JsonSerializerOptions? json = null, ILogger<ReadThroughCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _json = json ?? JsonSerializerOptions.Default;
        _logger = logger;
    }

    /// <summary>How many calls were served from Redis.</summary>
    public long Hits =>
        throw new NotImplementedException("Lesson 10: implement ReadThroughCache.Hits — return how many calls were served from Redis, exact under concurrent calls. Read docs/lessons/10-read-through-cache.md; stuck? workbook hint 10");

    /// <summary>How many calls had to run the loader.</summary>
    public long Misses =>
        throw new NotImplementedException("Lesson 10: implement ReadThroughCache.Misses — return how many calls had to run the loader, exact under concurrent calls. Read docs/lessons/10-read-through-cache.md; stuck? workbook hint 10");

    /// <summary>
    /// Returns the cached value of <paramref name="key"/>, or calls <paramref name="loader"/>, caches its result for
    /// <paramref name="ttl"/> and returns it. A null result is returned but not cached; a loader that throws caches nothing.
    /// </summary>
    /// <param name="key">The cache key, stored as <c>cache:&lt;key&gt;</c>; not empty.</param>
    /// <param name="loader">Reads the value from the source of truth on a miss.</param>
    /// <param name="ttl">How long a loaded value stays cached; positive.</param>
    /// <param name="cancellationToken">Passed to the loader.</param>
    public Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 10: implement ReadThroughCache.GetOrLoadAsync — return the cached value, or run the loader, cache its result for ttl and return it; 0, \"\", [] and false are hits, null is never cached, and a cached value that no longer reads is a miss. Read docs/lessons/10-read-through-cache.md; stuck? workbook hint 10");

    /// <summary>
    /// Wraps <paramref name="function"/> so that its results are cached per argument, like the seed's
    /// <c>@cache_with_redis</c> decorator. The key is <c>cache:&lt;name&gt;:&lt;argument&gt;</c>, where the argument is
    /// written as JSON (<c>cache:user:1</c>), or as <c>sha256:&lt;hex&gt;</c> of that JSON when it is longer than 64 characters.
    /// </summary>
    /// <param name="name">Names the function in the key; not empty.</param>
    /// <param name="function">The slow function, e.g. a database query.</param>
    /// <param name="ttl">How long a result stays cached; positive.</param>
    public Func<TArg, CancellationToken, Task<TResult?>> Wrap<TArg, TResult>(string name, Func<TArg, CancellationToken, Task<TResult?>> function, TimeSpan ttl) =>
        throw new NotImplementedException("Lesson 10: implement ReadThroughCache.Wrap — return a function that caches the wrapped function's results per argument, under <name>:<argument as JSON>. Read docs/lessons/10-read-through-cache.md; stuck? workbook hint 10");

    /// <summary>Removes the cached value of <paramref name="key"/>; true when there was one.</summary>
    /// <param name="key">The key given to <see cref="GetOrLoadAsync"/>; not empty.</param>
    public Task<bool> InvalidateAsync(string key) =>
        throw new NotImplementedException("Lesson 10: implement ReadThroughCache.InvalidateAsync — remove the cached value of the key; true when there was one. Read docs/lessons/10-read-through-cache.md; stuck? workbook hint 10");
}
