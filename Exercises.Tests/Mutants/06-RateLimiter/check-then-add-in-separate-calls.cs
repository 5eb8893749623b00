// Mutant of Solutions/06-RateLimiter/SlidingWindowRateLimiter.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's is_allowed: ZREMRANGEBYSCORE, ZCARD, then ZADD and EXPIRE as separate calls; concurrent callers all see the same count and all take the last slot.
// Caught by: SlidingWindowRateLimiterTests.Exactly_max_of_50_concurrent_requests_from_two_app_instances_are_admitted
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 06 — a sliding-window rate limiter: one sorted set per user whose members are the admitted requests,
/// scored by their time in milliseconds. A request counts while it is less than one window old.
/// Each decision is one Lua script, so concurrent callers can never both take the last slot.
/// The clock is the client's <see cref="TimeProvider"/>, passed to the script as ARGV.
/// </summary>
public sealed class SlidingWindowRateLimiter
{
    // KEYS[1] user's set; ARGV: now ms, window ms, max requests, a member unique to this request.
    // Returns { allowed (1/0), remaining, ms until the oldest request leaves the window }.
    private const string DecideScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local max = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        local allowed = 0
        if count < max then
          redis.call('ZADD', KEYS[1], now, ARGV[4])
          redis.call('PEXPIRE', KEYS[1], window)
          count = count + 1
          allowed = 1
        end
        local reset = 0
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if oldest[2] then
          reset = math.max(0, tonumber(oldest[2]) + window - now)
        end
        return { allowed, math.max(0, max - count), reset }
        """;

    private readonly IDatabase _redis;
    private readonly TimeProvider _time;
    private readonly long _windowMs;

    // Members are "<now>:<instance>:<sequence>": unique across app instances and within one millisecond.
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _sequence;

    /// <param name="redis">Where the request logs live.</param>
    /// <param name="maxRequests">How many requests one user may make per window; at least 1.</param>
    /// <param name="window">How long a request counts; at least 1 ms, used at millisecond resolution. 60 s when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public SlidingWindowRateLimiter(IDatabase redis, int maxRequests = 10, TimeSpan? window = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequests, 1);
        var span = window ?? TimeSpan.FromSeconds(60);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.FromMilliseconds(1), nameof(window));
        _redis = redis;
        _time = time ?? TimeProvider.System;
        MaxRequests = maxRequests;
        Window = span;
        _windowMs = (long)Math.Ceiling(span.TotalMilliseconds);
    }

    /// <summary>How many requests one user may make per window.</summary>
    public int MaxRequests { get; }

    /// <summary>How long a request counts against its user.</summary>
    public TimeSpan Window { get; }

    /// <summary>Decides one request of the user and records it when it is allowed, atomically.</summary>
    /// <param name="userId">The user; not empty.</param>
    public async Task<RateLimitDecision> DecideAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = NowMs();
        var member = $"{now}:{_instance}:{Interlocked.Increment(ref _sequence)}";
        await _redis.SortedSetRemoveRangeByScoreAsync(Key(userId), double.NegativeInfinity, now - _windowMs);
        var count = await _redis.SortedSetLengthAsync(Key(userId));
        var allowed = count < MaxRequests;
        if (allowed)
        {
            await _redis.SortedSetAddAsync(Key(userId), member, now);
            await _redis.KeyExpireAsync(Key(userId), Window);
            count++;
        }

        var oldest = await _redis.SortedSetRangeByRankWithScoresAsync(Key(userId), 0, 0);
        var reset = oldest.Length == 0 ? 0 : Math.Max(0, (long)oldest[0].Score + _windowMs - now);
        return new RateLimitDecision(allowed, (int)Math.Max(0, MaxRequests - count), TimeSpan.FromMilliseconds(reset));
    }

    /// <summary>Whether one request of the user is allowed; an allowed request is recorded.</summary>
    /// <param name="userId">The user; not empty.</param>
    public async Task<bool> IsAllowedAsync(string userId) => (await DecideAsync(userId)).Allowed;

    /// <summary>How many more requests the user may make now; records nothing.</summary>
    /// <param name="userId">The user; not empty.</param>
    public async Task<int> GetRemainingRequestsAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = NowMs();
        var inWindow = await _redis.SortedSetLengthAsync(Key(userId), now - _windowMs, double.PositiveInfinity, Exclude.Start);
        return (int)Math.Max(0, MaxRequests - inWindow);
    }

    /// <summary>
    /// How long until the user's oldest request in the window leaves it; <see cref="TimeSpan.Zero"/> when there is none.
    /// Records nothing.
    /// </summary>
    /// <param name="userId">The user; not empty.</param>
    public async Task<TimeSpan> GetResetTimeAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = NowMs();
        var oldest = await _redis.SortedSetRangeByScoreWithScoresAsync(
            Key(userId), now - _windowMs, double.PositiveInfinity, Exclude.Start, Order.Ascending, skip: 0, take: 1);
        return oldest.Length == 0
            ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds(Math.Max(0, (long)oldest[0].Score + _windowMs - now));
    }

    // The braces are a hash tag: whatever a user's keys become, they stay in one cluster slot.
    private static RedisKey Key(string userId) => $"rate_limit:{{{userId}}}";

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
