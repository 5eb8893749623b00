using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Bonus B1 — a read-through cache (lesson 10's rules) that calls the loader once when many callers miss the same key
/// at once, even across app instances. Inside one process, concurrent misses share one in-flight fill per key. Across
/// processes, the fill takes <c>lock:cache:&lt;key&gt;</c> with <c>SET NX PX</c> and a random token; the others poll
/// <c>cache:&lt;key&gt;</c> with growing pauses (5 ms doubling to at most 100 ms) until the value appears, the lock is free again (then they load), or
/// their deadline passes. The lock is given back by compare-and-delete, so a fill that outlived its lock never deletes
/// the next holder's.
/// </summary>
public sealed class StampedeProtectedCache
{
    private const string KeyPrefix = "cache:";
    private const string LockPrefix = "lock:cache:";

    // Deletes the lock only while it still holds our token: after an expiry it may belong to another instance.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(100);

    private readonly IDatabase _redis;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Task> _fills = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;
    private long _loads;

    /// <param name="redis">Where values and locks live; every instance sharing the cache must use the same Redis.</param>
    /// <param name="lockExpiry">How long a fill may hold the lock before others may take over; 10 s when null, more than zero. Make it longer than your slowest load.</param>
    /// <param name="waitTimeout">How long a caller waits for another instance's fill before <see cref="TimeoutException"/>; twice <paramref name="lockExpiry"/> when null, more than zero.</param>
    /// <param name="json">How values are written as JSON; <see cref="JsonSerializerOptions.Default"/> when null.</param>
    /// <param name="time">The client's clock, for the pauses between polls and the wait deadline.</param>
    public StampedeProtectedCache(IDatabase redis, TimeSpan? lockExpiry = null, TimeSpan? waitTimeout = null, JsonSerializerOptions? json = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        LockExpiry = lockExpiry ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockExpiry, TimeSpan.Zero, nameof(lockExpiry));
        WaitTimeout = waitTimeout ?? LockExpiry * 2;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WaitTimeout, TimeSpan.Zero, nameof(waitTimeout));
        _redis = redis;
        _json = json ?? JsonSerializerOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long a fill holds the lock unless it gives it back sooner.</summary>
    public TimeSpan LockExpiry { get; }

    /// <summary>How long a caller waits for another instance's fill.</summary>
    public TimeSpan WaitTimeout { get; }

    /// <summary>How many calls were served from Redis on their first read.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>How many calls found no value on their first read (and then waited for, or ran, a fill).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>How many times this instance called a loader.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>
    /// Returns the cached value of <paramref name="key"/>; on a miss, makes sure only one caller among all instances runs
    /// <paramref name="loader"/>, caches its result for <paramref name="ttl"/>, and gives every waiting caller that value.
    /// A null result is returned but not cached. A loader that throws caches nothing and releases the lock: the callers
    /// sharing that fill get its exception, callers in other instances take the lock and load again.
    /// </summary>
    /// <param name="key">The cache key, stored as <c>cache:&lt;key&gt;</c>; not empty.</param>
    /// <param name="loader">Reads the value from the source of truth. It is shared by concurrent callers, so it gets no caller's token.</param>
    /// <param name="ttl">How long a loaded value stays cached; positive.</param>
    /// <param name="cancellationToken">Stops this caller's wait only; a fill that other callers share keeps going.</param>
    /// <exception cref="TimeoutException">Another instance held the lock and no value appeared within <see cref="WaitTimeout"/>.</exception>
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        // The hit path is one GET: no lock, no shared state.
        var (found, value) = await TryGetAsync<T>(KeyPrefix + key);
        if (found)
        {
            Interlocked.Increment(ref _hits);
            return value;
        }

        Interlocked.Increment(ref _misses);
        var mine = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fill = _fills.GetOrAdd(key, mine.Task);
        if (fill == mine.Task)
        {
            _ = RunFillAsync(key, loader, ttl, mine);
        }
        else if (fill is not Task<T?>)
        {
            // The same key read as another type at the same moment: do not share, fill on our own.
            return await FillAsync(key, loader, ttl).WaitAsync(cancellationToken);
        }

        return await ((Task<T?>)fill).WaitAsync(cancellationToken);
    }

    /// <summary>Removes the cached value of <paramref name="key"/>; true when there was one.</summary>
    /// <param name="key">The key given to <see cref="GetOrLoadAsync"/>; not empty.</param>
    public Task<bool> InvalidateAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _redis.KeyDeleteAsync(KeyPrefix + key);
    }

    private async Task RunFillAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, TaskCompletionSource<T?> result)
    {
        try
        {
            var value = await FillAsync(key, loader, ttl);
            // Unpublish before completing, so a caller arriving later starts a fresh fill instead of reusing a finished one.
            _fills.TryRemove(new KeyValuePair<string, Task>(key, result.Task));
            result.SetResult(value);
        }
        catch (Exception error)
        {
            _fills.TryRemove(new KeyValuePair<string, Task>(key, result.Task));
            result.SetException(error);
        }
    }

    private async Task<T?> FillAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl)
    {
        RedisKey valueKey = KeyPrefix + key;
        RedisKey lockKey = LockPrefix + key;
        var started = _time.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var token = Guid.NewGuid().ToString("N");
            if (await _redis.StringSetAsync(lockKey, token, new Expiration(LockExpiry), ValueCondition.NotExists))
            {
                return await LoadUnderLockAsync(valueKey, lockKey, token, loader, ttl);
            }

            // Another instance is filling: wait for its value. When its lock disappears without a value (it failed,
            // returned null or died), the next round takes the lock and loads.
            var left = WaitTimeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {WaitTimeout} for another instance to fill cache:{key}, but it kept {lockKey} and stored no value.");
            }

            await Task.Delay(pause < left ? pause : left, _time);
            pause = pause * 2 < MaxPause ? pause * 2 : MaxPause;
            var (found, value) = await TryGetAsync<T>(valueKey);
            if (found)
            {
                return value;
            }
        }
    }

    private async Task<T?> LoadUnderLockAsync<T>(RedisKey valueKey, RedisKey lockKey, string token, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl)
    {
        try
        {
            // Another instance may have stored the value between our miss and our lock.
            var (found, cached) = await TryGetAsync<T>(valueKey);
            if (found)
            {
                return cached;
            }

            Interlocked.Increment(ref _loads);
            var value = await loader(CancellationToken.None);
            if (value is not null)
            {
                await _redis.StringSetAsync(valueKey, JsonSerializer.SerializeToUtf8Bytes(value, _json), new Expiration(ttl));
            }

            return value;
        }
        finally
        {
            await ReleaseAsync(lockKey, token);
        }
    }

    private async Task ReleaseAsync(RedisKey lockKey, string token)
    {
        try
        {
            await _redis.ScriptEvaluateAsync(ReleaseScript, [lockKey], [token]);
        }
        catch (RedisException)
        {
            // The lock expires on its own; a failed release must not hide the loader's result or exception.
        }
    }

    private async Task<(bool Found, T? Value)> TryGetAsync<T>(RedisKey valueKey)
    {
        var cached = await _redis.StringGetAsync(valueKey);
        if (cached.IsNull)
        {
            return (false, default);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(((ReadOnlyMemory<byte>)cached).Span, _json);
            return (value is not null, value);
        }
        catch (JsonException)
        {
            // Written as another type or schema: a miss, overwritten by the next fill.
            return (false, default);
        }
    }
}
