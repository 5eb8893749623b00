// Mutant of Solutions/08-DistributedLock/DistributedLock.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's __enter__: ten tries half a second apart whatever the timeout, then on without the lock (no TimeoutException), so the caller runs its critical section unprotected.
// Caught by: DistributedLockTests.AcquireAsync_throws_TimeoutException_naming_the_lock_only_after_its_timeout
using System.Globalization;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 08 — a lock that several processes share through one Redis: <c>SET NX PX</c> to take it,
/// compare-and-delete in Lua to give it back, and a fencing token that grows with every new holder.
/// One instance is one would-be holder; it is not re-entrant and not meant to be shared between concurrent callers.
/// </summary>
public sealed class DistributedLock : IAsyncDisposable
{
    // Takes the lock only when it is free and, in the same atomic step, draws the next fencing token.
    private const string AcquireScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return redis.call('INCR', KEYS[2])
        end
        return false
        """;

    // Deletes the lock only while it still holds our token: a GET then DEL from the client could delete
    // a lock that expired in between and now belongs to someone else.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private const string ExtendScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(250);

    private readonly IDatabase _redis;
    private readonly TimeProvider _time;
    private readonly RedisKey _key;
    private readonly RedisKey _fenceKey;
    private readonly string _token = Guid.NewGuid().ToString("N");
    private bool _disposed;

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
        // Both keys share the {name} hash tag, so the acquire script is valid on Redis Cluster too.
        _key = $"lock:{{{name}}}";
        _fenceKey = $"lock:{{{name}}}:fence";
    }

    /// <summary>The lock's name.</summary>
    public string Name { get; }

    /// <summary>How long each acquisition (and an <see cref="ExtendAsync"/> without an argument) holds the lock.</summary>
    public TimeSpan Expiry { get; }

    /// <summary>
    /// The fencing token of the current hold: larger than every token handed out before for this lock name.
    /// Pass it to the resource you protect so it can refuse writes from an older holder. Null when not held.
    /// </summary>
    public long? FencingToken { get; private set; }

    /// <summary>Whether this instance believes it holds the lock; the hold may have expired in Redis meanwhile.</summary>
    public bool IsHeld { get; private set; }

    /// <summary>Makes one attempt to take the lock.</summary>
    /// <returns>True when taken; false when someone else holds it.</returns>
    /// <exception cref="InvalidOperationException">This instance already holds the lock (it is not re-entrant).</exception>
    public async Task<bool> TryAcquireAsync()
    {
        ThrowIfUnusable();
        var token = await _redis.ScriptEvaluateAsync(
            AcquireScript,
            [_key, _fenceKey],
            [_token, Milliseconds(Expiry)]);
        if (token.IsNull)
        {
            return false;
        }

        FencingToken = (long)token;
        IsHeld = true;
        return true;
    }

    /// <summary>Takes the lock, retrying with growing, jittered pauses until <paramref name="timeout"/> has passed.</summary>
    /// <param name="timeout">How long to keep trying; zero means one attempt; not negative.</param>
    /// <param name="cancellationToken">Stops waiting with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="TimeoutException">Someone else held the lock for the whole <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">This instance already holds the lock (it is not re-entrant).</exception>
    public async Task AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ThrowIfUnusable();
        cancellationToken.ThrowIfCancellationRequested();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await TryAcquireAsync())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken);
        }
    }

    /// <summary>Gives the lock back, but only if Redis still holds this instance's token.</summary>
    /// <returns>True when released; false when this instance did not hold it or its hold had expired.</returns>
    public async Task<bool> ReleaseAsync()
    {
        if (!IsHeld)
        {
            return false;
        }

        var deleted = (long)await _redis.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]);
        Forget();
        return deleted == 1;
    }

    /// <summary>Resets the lock's expiry, but only if Redis still holds this instance's token.</summary>
    /// <param name="expiry">The new time to live; <see cref="Expiry"/> when null; more than zero.</param>
    /// <returns>True when extended; false when this instance did not hold it or its hold had expired.</returns>
    public async Task<bool> ExtendAsync(TimeSpan? expiry = null)
    {
        var lifetime = expiry ?? Expiry;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(expiry));
        if (!IsHeld)
        {
            return false;
        }

        var extended = (long)await _redis.ScriptEvaluateAsync(ExtendScript, [_key], [_token, Milliseconds(lifetime)]);
        if (extended != 1)
        {
            Forget();
        }

        return extended == 1;
    }

    /// <summary>Releases the lock if this instance holds it; the instance cannot acquire again afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await ReleaseAsync();
    }

    private static string Milliseconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsHeld)
        {
            throw new InvalidOperationException($"This instance already holds the lock '{Name}'; it is not re-entrant. Release it first.");
        }
    }

    private void Forget()
    {
        IsHeld = false;
        FencingToken = null;
    }
}
