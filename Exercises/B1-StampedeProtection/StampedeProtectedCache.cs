using System.Text.Json;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Bonus B1 — a read-through cache (lesson 10's rules) that calls the loader once when many callers miss the same key
/// at once, even across app instances. Task: one fill per key inside a process, one loader across instances behind the
/// lock <c>lock:cache:&lt;key&gt;</c> (it expires on its own, and only its holder can give it back), and callers that
/// wait for the value with a deadline, polling with growing pauses of at most 100 ms (so a waiter sees a stored value
/// at most 100 ms of its clock late). A loader that throws must leave no waiter hanging and nothing cached.
/// Read docs/lessons/B1-stampede-protection.md first.
/// </summary>
public sealed class StampedeProtectedCache
{
    private readonly IDatabase _redis;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;

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
    public long Hits =>
        throw new NotImplementedException("Lesson B1: implement StampedeProtectedCache.Hits — return how many calls found the value on their first read, exact under concurrent calls. Read docs/lessons/B1-stampede-protection.md; stuck? workbook hint B1");

    /// <summary>How many calls found no value on their first read (and then waited for, or ran, a fill).</summary>
    public long Misses =>
        throw new NotImplementedException("Lesson B1: implement StampedeProtectedCache.Misses — return how many calls found no value on their first read, exact under concurrent calls. Read docs/lessons/B1-stampede-protection.md; stuck? workbook hint B1");

    /// <summary>How many times this instance called a loader.</summary>
    public long Loads =>
        throw new NotImplementedException("Lesson B1: implement StampedeProtectedCache.Loads — return how many times this instance ran a loader, exact under concurrent calls. Read docs/lessons/B1-stampede-protection.md; stuck? workbook hint B1");

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
    public Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> loader, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson B1: implement StampedeProtectedCache.GetOrLoadAsync — return the cached value; on a miss let one caller across all instances run the loader, cache its result and hand it to every caller waiting for it, within a deadline; a throwing loader leaves no waiter hanging and nothing cached. Read docs/lessons/B1-stampede-protection.md; stuck? workbook hint B1");

    /// <summary>Removes the cached value of <paramref name="key"/>; true when there was one.</summary>
    /// <param name="key">The key given to <see cref="GetOrLoadAsync"/>; not empty.</param>
    public Task<bool> InvalidateAsync(string key) =>
        throw new NotImplementedException("Lesson B1: implement StampedeProtectedCache.InvalidateAsync — remove the cached value of the key; true when there was one. Read docs/lessons/B1-stampede-protection.md; stuck? workbook hint B1");
}
