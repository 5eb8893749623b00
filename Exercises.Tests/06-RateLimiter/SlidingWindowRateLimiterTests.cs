using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Workbook.Exercises.Tests.Lesson06;

[Lesson("06", Level.Intermediate, Skill.Redis)]
public sealed class SlidingWindowRateLimiterTests(RedisFixture redis) : RedisTest(redis)
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Seed_example_allows_three_then_denies()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 3, window: Minute, time: _clock);

        var answers = new[]
        {
            await limiter.IsAllowedAsync("user1"), await limiter.IsAllowedAsync("user1"),
            await limiter.IsAllowedAsync("user1"), await limiter.IsAllowedAsync("user1"),
        };

        answers.Should().Equal([true, true, true, false], "IsAllowedAsync(\"user1\") four times in one instant with max 3 per window admits three and denies the fourth (each request needs its own member in rate_limit:{user1}, even in the same instant)");
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(0, "GetRemainingRequestsAsync(\"user1\") after the window filled returns 0");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Defaults_are_ten_requests_per_minute()
    {
        var limiter = new SlidingWindowRateLimiter(Db, time: _clock);

        limiter.MaxRequests.Should().Be(10, "new SlidingWindowRateLimiter(db) allows 10 requests by default");
        limiter.Window.Should().Be(Minute, "new SlidingWindowRateLimiter(db) has a 60 s window by default");
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 11; i++)
        {
            decisions.Add(await limiter.DecideAsync("user1"));
        }

        decisions.Select(d => d.Allowed).Should().Equal([.. Enumerable.Repeat(true, 10), false], "DecideAsync(\"user1\") 11 times in one instant with the defaults admits 10 and denies the 11th");
        decisions.Select(d => d.Remaining).Should().Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], "DecideAsync(\"user1\").Remaining counts down after each admitted request and stays 0 once denied");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Exactly_max_of_50_concurrent_requests_from_two_app_instances_are_admitted()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var instances = new[]
        {
            new SlidingWindowRateLimiter(Db, maxRequests: 10, window: Minute, time: _clock),
            new SlidingWindowRateLimiter(Scope.On(second), maxRequests: 10, window: Minute, time: _clock),
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => instances[i % 2].IsAllowedAsync("user1")));

        answers.Count(allowed => allowed).Should().Be(10, "50 concurrent IsAllowedAsync(\"user1\") calls on two connections with max 10 must admit exactly 10: the count and the ZADD must be one atomic step, check-then-add (the seed's bug) lets concurrent callers all see a free slot; and each request needs its own member, or requests in one instant collide");
        (await instances[0].GetRemainingRequestsAsync("user1")).Should().Be(0, "GetRemainingRequestsAsync(\"user1\") after 10 admitted requests returns 0");
        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(10, "rate_limit:{user1} records each admitted request once and no denied one");
    }

    [RedisFact]
    [Rubric(Rubric.AdvancedDataStructures)]
    public async Task Two_requests_in_the_same_instant_both_count()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 3, window: Minute, time: _clock);

        await limiter.IsAllowedAsync("user1");
        await limiter.IsAllowedAsync("user1");

        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(2, "two IsAllowedAsync(\"user1\") calls in the same millisecond need two members in rate_limit:{user1}: a member made of the time alone collides (the seed's str(now)) and the second request is not counted");
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1, "GetRemainingRequestsAsync(\"user1\") after two requests in one instant with max 3 returns 1");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("the third IsAllowedAsync(\"user1\") in the same instant fits a limit of 3");
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("the fourth IsAllowedAsync(\"user1\") in one instant is over a limit of 3: all three earlier ones count");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task The_window_slides_one_request_at_a_time()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);

        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("IsAllowedAsync(\"user1\") at t = 0 with max 2 per 60 s is the first request");
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("IsAllowedAsync(\"user1\") at t = 30 s is the second request of 2 allowed");
        _clock.Advance(TimeSpan.FromMilliseconds(29_999));
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("IsAllowedAsync(\"user1\") at t = 59.999 s is denied: both requests are still less than 60 s old");

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1, "GetRemainingRequestsAsync(\"user1\") at t = 60 s returns 1: the request of t = 0 has left the window, the one of t = 30 s has not");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("IsAllowedAsync(\"user1\") at t = 60 s takes the one slot freed");
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("a second IsAllowedAsync(\"user1\") at t = 60 s is denied: only one slot freed, this is a sliding window, not a fixed one that resets");

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("IsAllowedAsync(\"user1\") at t = 90 s is admitted: the request of t = 30 s has left too");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Remaining_and_reset_time_do_not_consume_requests()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);

        for (var i = 0; i < 5; i++)
        {
            (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(2, $"GetRemainingRequestsAsync(\"user1\") call {i + 1} returns 2 of 2: looking at the limit is not a request");
            (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.Zero, $"GetResetTimeAsync(\"user1\") call {i + 1} returns zero: no request is in the window");
        }

        (await Scope.KeysAsync()).Should().BeEmpty("GetRemainingRequestsAsync and GetResetTimeAsync only read: they write nothing");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("the first IsAllowedAsync(\"user1\") after only looking is admitted");
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1, "GetRemainingRequestsAsync(\"user1\") after one admitted request of 2 returns 1");
        (await limiter.GetResetTimeAsync("user1")).Should().Be(Minute, "GetResetTimeAsync(\"user1\") right after the only request returns the whole 60 s window");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("the second IsAllowedAsync(\"user1\") is admitted: GetRemainingRequestsAsync and GetResetTimeAsync consumed nothing");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Reset_time_is_when_the_oldest_request_leaves_the_window()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);
        await limiter.IsAllowedAsync("user1");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await limiter.IsAllowedAsync("user1");
        _clock.Advance(TimeSpan.FromSeconds(5));

        (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.FromSeconds(45), "GetResetTimeAsync(\"user1\") at t = 15 s is oldest (t = 0) + window (60 s) - now (t = 15 s)");
        var denied = await limiter.DecideAsync("user1");
        denied.Should().Be(new RateLimitDecision(false, 0, TimeSpan.FromSeconds(45)), "DecideAsync(\"user1\") at t = 15 s is denied and says how long until one more request is allowed (Retry-After): 45 s");

        _clock.Advance(TimeSpan.FromSeconds(45));
        (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.FromSeconds(10), "GetResetTimeAsync(\"user1\") at t = 60 s is 10 s: the t = 0 request has left, the t = 10 s one leaves in 10 s");
        (await limiter.DecideAsync("user1")).Should().Be(new RateLimitDecision(true, 0, TimeSpan.FromSeconds(10)), "DecideAsync(\"user1\") at t = 60 s is admitted, exactly when the reset time said, with 0 left and the next slot in 10 s");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Denied_requests_do_not_extend_the_block()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 1, window: Minute, time: _clock);
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("the first IsAllowedAsync(\"user1\") with max 1 is admitted");

        for (var second = 1; second < 60; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            (await limiter.IsAllowedAsync("user1")).Should().BeFalse($"IsAllowedAsync(\"user1\") at t = {second} s is denied: it is inside the first request's 60 s window");
        }

        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(1, "rate_limit:{user1} holds admitted requests only: adding a member before checking the limit makes every denied request extend the block");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("60 s after the only admitted request the user may go again, however often they were denied meanwhile");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Users_are_limited_independently()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);
        await limiter.IsAllowedAsync("alice");
        await limiter.IsAllowedAsync("alice");

        (await limiter.IsAllowedAsync("alice")).Should().BeFalse("alice's third IsAllowedAsync with max 2 is denied");
        (await limiter.GetRemainingRequestsAsync("bob")).Should().Be(2, "GetRemainingRequestsAsync(\"bob\") returns 2: alice's requests do not count against bob");
        (await limiter.IsAllowedAsync("bob")).Should().BeTrue("bob's first IsAllowedAsync is admitted while alice is blocked");
        (await Scope.KeysAsync()).Select(k => k[Scope.Prefix.Length..]).Should().BeEquivalentTo(
            ["rate_limit:{alice}", "rate_limit:{bob}"], "each user has one key, rate_limit:{<userId>}");
    }

    [RedisFact]
    [Rubric(Rubric.AdvancedDataStructures)]
    public async Task The_key_gets_an_expiry_of_at_most_one_window()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 1, window: TimeSpan.FromSeconds(30), time: _clock);

        await limiter.IsAllowedAsync("user1");
        var ttl = await Db.KeyTimeToLiveAsync("rate_limit:{user1}");
        await limiter.IsAllowedAsync("user1");
        var ttlAfterDenial = await Db.KeyTimeToLiveAsync("rate_limit:{user1}");

        ttl.Should().NotBeNull("rate_limit:{user1} must get an expiry, or idle users' keys live forever")
            .And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30), "the key is useless one window after its newest request");
        ttlAfterDenial.Should().NotBeNull("a denied request must not leave rate_limit:{user1} without an expiry");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var limiter = new SlidingWindowRateLimiter(Db, time: _clock);

        await ShouldRejectAsync<ArgumentNullException>(() => limiter.IsAllowedAsync(null!), "userId", "a null user id");
        await ShouldRejectAsync<ArgumentException>(() => limiter.IsAllowedAsync(""), "userId", "an empty user id");
        await ShouldRejectAsync<ArgumentException>(() => limiter.DecideAsync(""), "userId", "an empty user id");
        await ShouldRejectAsync<ArgumentException>(() => limiter.GetRemainingRequestsAsync(""), "userId", "an empty user id");
        await ShouldRejectAsync<ArgumentException>(() => limiter.GetResetTimeAsync(""), "userId", "an empty user id");
        await ShouldRejectAsync<ArgumentNullException>(() => limiter.GetResetTimeAsync(null!), "userId", "a null user id");

        ShouldReject<ArgumentNullException>(() => new SlidingWindowRateLimiter(null!), "redis", "a null database");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, maxRequests: 0), "maxRequests", "a limit below 1");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, window: TimeSpan.Zero), "window", "a window that is not positive");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, window: TimeSpan.FromSeconds(-1)), "window", "a negative window");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis: check the arguments before the script runs");
    }

    // The call as written in the test, e.g. "limiter.IsAllowedAsync(\"\")", so a failure names it.
    private static Task ShouldRejectAsync<TException>(Func<Task> act, string parameter, string invalid, [CallerArgumentExpression(nameof(act))] string call = "")
        where TException : ArgumentException
    {
        call = call.Replace("() => ", string.Empty, StringComparison.Ordinal).Replace("null!", "null", StringComparison.Ordinal);
        return act.Should().ThrowAsync<TException>($"{call} must reject {invalid}")
            .WithParameterName(parameter, $"the exception from {call} names the parameter it rejects");
    }

    private static void ShouldReject<TException>(Action act, string parameter, string invalid, [CallerArgumentExpression(nameof(act))] string call = "")
        where TException : ArgumentException
    {
        call = call.Replace("() => ", string.Empty, StringComparison.Ordinal).Replace("null!", "null", StringComparison.Ordinal);
        act.Should().Throw<TException>($"{call} must reject {invalid}")
            .WithParameterName(parameter, $"the exception from {call} names the parameter it rejects");
    }
}
