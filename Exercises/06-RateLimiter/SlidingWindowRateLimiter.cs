using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 06 — a sliding-window rate limiter: one sorted set per user (key <c>rate_limit:{userId}</c>) whose
/// members are the admitted requests, scored by their time in milliseconds. A request counts while it is less
/// than one window old.
/// Task: never admit more than <see cref="MaxRequests"/> per window, even under concurrent calls from several
/// app instances; take the time from the <see cref="TimeProvider"/>.
/// Read docs/lessons/06-rate-limiter.md first.
/// </summary>
public sealed class SlidingWindowRateLimiter
{
    private readonly IDatabase _redis;
    private readonly TimeProvider _time;

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
    }

    /// <summary>How many requests one user may make per window.</summary>
    public int MaxRequests { get; }

    /// <summary>How long a request counts against its user.</summary>
    public TimeSpan Window { get; }

    /// <summary>Decides one request of the user and records it when it is allowed, atomically.</summary>
    /// <param name="userId">The user; not empty.</param>
    public Task<RateLimitDecision> DecideAsync(string userId) =>
        throw new NotImplementedException("Lesson 06: implement SlidingWindowRateLimiter.DecideAsync — decide one request as one atomic step: count the user's requests still in the window, record this one only when there is room, and say what remains and when the next slot frees. Read docs/lessons/06-rate-limiter.md; stuck? workbook hint 06");

    /// <summary>Whether one request of the user is allowed; an allowed request is recorded.</summary>
    /// <param name="userId">The user; not empty.</param>
    public Task<bool> IsAllowedAsync(string userId) =>
        throw new NotImplementedException("Lesson 06: implement SlidingWindowRateLimiter.IsAllowedAsync — decide one request (an allowed one is recorded) and return whether it is allowed: the same decision as DecideAsync. Read docs/lessons/06-rate-limiter.md; stuck? workbook hint 06");

    /// <summary>How many more requests the user may make now; records nothing.</summary>
    /// <param name="userId">The user; not empty.</param>
    public Task<int> GetRemainingRequestsAsync(string userId) =>
        throw new NotImplementedException("Lesson 06: implement SlidingWindowRateLimiter.GetRemainingRequestsAsync — return how many more requests the user may make now, recording and removing nothing. Read docs/lessons/06-rate-limiter.md; stuck? workbook hint 06");

    /// <summary>
    /// How long until the user's oldest request in the window leaves it; <see cref="TimeSpan.Zero"/> when there is none.
    /// Records nothing.
    /// </summary>
    /// <param name="userId">The user; not empty.</param>
    public Task<TimeSpan> GetResetTimeAsync(string userId) =>
        throw new NotImplementedException("Lesson 06: implement SlidingWindowRateLimiter.GetResetTimeAsync — return how long until the user's oldest request in the window leaves it (zero when there is none), recording nothing. Read docs/lessons/06-rate-limiter.md; stuck? workbook hint 06");
}
