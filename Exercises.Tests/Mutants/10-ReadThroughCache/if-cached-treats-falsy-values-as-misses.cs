// Mutant of Solutions/10-ReadThroughCache/ReadThroughCache.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's `if cached:`, written in C# as a check of the value: 0, "", an empty list or false read back from Redis count as a miss and the loader runs again.
// Caught by: ReadThroughCacheTests.Zero_is_a_cached_value
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 10 — a read-through cache: values live in Redis as JSON under <c>cache:&lt;key&gt;</c>; a miss calls the
/// loader and stores what it returned with a TTL in one <c>SET … PX</c>. "Absent" is told apart from "present" by
/// <see cref="RedisValue.IsNull"/>, never by truthiness, so <c>0</c>, <c>""</c>, <c>[]</c> and <c>false</c> are hits.
/// </summary>
public sealed class ReadThroughCache
{
    private const string KeyPrefix = "cache:";

    // Longer argument keys are hashed; no JSON text starts with 's', so a hashed key never equals a plain one.
    private const int MaxPlainArgumentLength = 64;
    private const string HashedArgumentPrefix = "sha256:";

    private readonly IDatabase _redis;
    private readonly JsonSerializerOptions _json;
    private readonly JsonSerializerOptions _argumentJson;
    private readonly ILogger<ReadThroughCache>? _logger;
    private long _hits;
    private long _misses;

    /// <param name="redis">Where the cached values live; the cache uses this one connection for its whole life.</param>
    /// <param name="json">How values (and <see cref="Wrap"/>'s arguments) are written as JSON; <see cref="JsonSerializerOptions.Default"/> when null.</param>
    /// <param name="logger">Where to report a cached value that no longer deserializes; nothing is logged when null.</param>
    public ReadThroughCache(IDatabase redis, JsonSerializerOptions? json = null, ILogger<ReadThroughCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _json = json ?? JsonSerializerOptions.Default;
        // Fields too, so value tuples such as (string Query, int Page) do not all serialize to "{}" and share one key.
        _argumentJson = new JsonSerializerOptions(_json) { IncludeFields = true };
        _logger = logger;
    }

    /// <summary>How many calls were served from Redis.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>How many calls had to run the loader.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// Returns the cached value of <paramref name="key"/>, or calls <paramref name="loader"/>, caches its result for
    /// <paramref name="ttl"/> and returns it. A null result is returned but not cached; a loader that throws caches nothing.
    /// </summary>
    /// <param name="key">The cache key, stored as <c>cache:&lt;key&gt;</c>; not empty.</param>
    /// <param name="loader">Reads the value from the source of truth on a miss.</param>
    /// <param name="ttl">How long a loaded value stays cached; positive.</param>
    /// <param name="cancellationToken">Passed to the loader.</param>
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);

        RedisKey redisKey = KeyPrefix + key;
        var cached = await _redis.StringGetAsync(redisKey);
        if (!cached.IsNull && TryDeserialize<T>(redisKey, cached, out var value) && IsTruthy(value))
        {
            Interlocked.Increment(ref _hits);
            return value;
        }

        Interlocked.Increment(ref _misses);
        return await LoadAndStoreAsync(redisKey, loader, ttl, cancellationToken);
    }

    private static bool IsTruthy<T>(T? value) => value switch
    {
        null => false,
        string text => text.Length > 0,
        System.Collections.ICollection list => list.Count > 0,
        _ => !EqualityComparer<T>.Default.Equals(value, default),
    };

    /// <summary>
    /// Wraps <paramref name="function"/> so that its results are cached per argument, like the seed's
    /// <c>@cache_with_redis</c> decorator. The key is <c>cache:&lt;name&gt;:&lt;argument&gt;</c>, where the argument is
    /// written as JSON (<c>cache:user:1</c>), or as <c>sha256:&lt;hex&gt;</c> of that JSON when it is longer than 64 characters.
    /// </summary>
    /// <param name="name">Names the function in the key; not empty.</param>
    /// <param name="function">The slow function, e.g. a database query.</param>
    /// <param name="ttl">How long a result stays cached; positive.</param>
    public Func<TArg, CancellationToken, Task<TResult?>> Wrap<TArg, TResult>(string name, Func<TArg, CancellationToken, Task<TResult?>> function, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);

        return (argument, cancellationToken) => GetOrLoadAsync(
            $"{name}:{ArgumentKey(argument)}",
            token => function(argument, token),
            ttl,
            cancellationToken);
    }

    /// <summary>Removes the cached value of <paramref name="key"/>; true when there was one.</summary>
    /// <param name="key">The key given to <see cref="GetOrLoadAsync"/>; not empty.</param>
    public Task<bool> InvalidateAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _redis.KeyDeleteAsync(KeyPrefix + key);
    }

    // The single place a miss is filled: stampede protection (bonus B1) would wrap this call.
    private async Task<T?> LoadAndStoreAsync<T>(RedisKey redisKey, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var value = await loader(cancellationToken);
        if (value is not null)
        {
            // One SET with PX: the value never exists without its TTL.
            await _redis.StringSetAsync(redisKey, JsonSerializer.SerializeToUtf8Bytes(value, _json), new Expiration(ttl));
        }

        return value;
    }

    private bool TryDeserialize<T>(RedisKey redisKey, RedisValue cached, out T? value)
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(((ReadOnlyMemory<byte>)cached).Span, _json);
            // A JSON null is never written by this cache; treat it like a missing value.
            return value is not null;
        }
        catch (JsonException error)
        {
            // Usually a schema change since the value was written: reload and overwrite instead of failing the caller.
            if (_logger is not null)
            {
                ReadThroughCacheLog.UnreadableValue(_logger, redisKey.ToString(), typeof(T).Name, error);
            }

            value = default;
            return false;
        }
    }

    private string ArgumentKey<TArg>(TArg argument)
    {
        var json = JsonSerializer.Serialize(argument, _argumentJson);
        if (json.Length <= MaxPlainArgumentLength)
        {
            return json;
        }

        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json));
        return HashedArgumentPrefix + Convert.ToHexStringLower(hash);
    }
}
