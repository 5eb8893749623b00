using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 08 — a lock that several processes share through one Redis.
/// Task: only one holder at a time, a hold that expires on its own, a release that can never delete someone
/// else's lock, and a fencing token that grows with every new holder.
/// One instance is one would-be holder; it is not re-entrant.
/// Read docs/lessons/08-distributed-lock.md first.
/// </summary>
public sealed class DistributedLock : IAsyncDisposable
{
    private readonly IDatabase _redis;
    private readonly TimeProvider _time;

    /// <param name="redis">Where the lock lives; every holder of the same name must use the same Redis.</param>
    /// <param name="name">The lock's name; not empty.</param>
    /// <param name="expiry">How long a hold lasts unless extended or released; 10 s when null, more than zero.</param>
    /// <param name="time">The client's clock, used to wait between attempts in <see cref="AcquireAsync"/>.</param>
    public DistributedLock(IDatabase redis, string name, TimeSpan? expiry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var lifetime = expiry ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(expiry));
        _redis = redis;
        _time = time ?? TimeProvider.System;
        Name = name;
        Expiry = lifetime;
    }

    /// <summary>The lock's name.</summary>
    public string Name { get; }

    /// <summary>How long each acquisition (and an <see cref="ExtendAsync"/> without an argument) holds the lock.</summary>
    public TimeSpan Expiry { get; }

    /// <summary>
    /// The fencing token of the current hold: larger than every token handed out before for this lock name.
    /// Pass it to the resource you protect so it can refuse writes from an older holder. Null when not held.
    /// </summary>
    public long? FencingToken =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.FencingToken — return the fencing token drawn when this instance took the lock (larger than every earlier one for this name); null when not held. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Whether this instance believes it holds the lock; the hold may have expired in Redis meanwhile.</summary>
    public bool IsHeld =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.IsHeld — return whether this instance believes it holds the lock: true after a successful acquire, false after a release or a failed release or extend. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Makes one attempt to take the lock.</summary>
    /// <returns>True when taken; false when someone else holds it.</returns>
    /// <exception cref="InvalidOperationException">This instance already holds the lock (it is not re-entrant).</exception>
    public Task<bool> TryAcquireAsync() =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.TryAcquireAsync — make one attempt to take the lock: only when nobody holds it, with an expiry and a new fencing token, as one step. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Takes the lock, retrying with growing, jittered pauses until <paramref name="timeout"/> has passed.</summary>
    /// <param name="timeout">How long to keep trying; zero means one attempt; not negative.</param>
    /// <param name="cancellationToken">Stops waiting with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="TimeoutException">Someone else held the lock for the whole <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">This instance already holds the lock (it is not re-entrant).</exception>
    public Task AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.AcquireAsync — keep trying to take the lock, with growing, jittered pauses on the given clock, until the timeout; then throw a TimeoutException naming the lock. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Gives the lock back, but only if Redis still holds this instance's token.</summary>
    /// <returns>True when released; false when this instance did not hold it or its hold had expired.</returns>
    public Task<bool> ReleaseAsync() =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.ReleaseAsync — give the lock back only while it is still this instance's hold, never the hold of whoever took it after yours expired. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Resets the lock's expiry, but only if Redis still holds this instance's token.</summary>
    /// <param name="expiry">The new time to live; <see cref="Expiry"/> when null; more than zero.</param>
    /// <returns>True when extended; false when this instance did not hold it or its hold had expired.</returns>
    public Task<bool> ExtendAsync(TimeSpan? expiry = null) =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.ExtendAsync — reset the lock's expiry only while it is still this instance's hold. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");

    /// <summary>Releases the lock if this instance holds it; the instance cannot acquire again afterwards.</summary>
    public ValueTask DisposeAsync() =>
        throw new NotImplementedException("Lesson 08: implement DistributedLock.DisposeAsync — give the lock back if this instance holds it, so that `await using` releases it; afterwards the instance cannot acquire again. Read docs/lessons/08-distributed-lock.md; stuck? workbook hint 08");
}
