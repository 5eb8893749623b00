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

        answers.Should().Equal([true, true, true, false], "max 3 per window: the fourth request is over the limit");
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(0);
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Defaults_are_ten_requests_per_minute()
    {
        var limiter = new SlidingWindowRateLimiter(Db, time: _clock);

        limiter.MaxRequests.Should().Be(10);
        limiter.Window.Should().Be(Minute);
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 11; i++)
        {
            decisions.Add(await limiter.DecideAsync("user1"));
        }

        decisions.Select(d => d.Allowed).Should().Equal([.. Enumerable.Repeat(true, 10), false]);
        decisions.Select(d => d.Remaining).Should().Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], "Remaining counts down after each admitted request");
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

        answers.Count(allowed => allowed).Should().Be(10, "the count and the ZADD must be one atomic step: check-then-add lets concurrent callers all see a free slot");
        (await instances[0].GetRemainingRequestsAsync("user1")).Should().Be(0);
        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(10, "rate_limit:{user1} records each admitted request once and no denied one");
    }

    [RedisFact]
    [Rubric(Rubric.AdvancedDataStructures)]
    public async Task Two_requests_in_the_same_instant_both_count()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 3, window: Minute, time: _clock);

        await limiter.IsAllowedAsync("user1");
        await limiter.IsAllowedAsync("user1");

        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(2, "two requests in the same millisecond need two members in rate_limit:{user1} (the seed's str(now) member collided)");
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1);
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue();
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("three requests in one instant fill a limit of 3");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task The_window_slides_one_request_at_a_time()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);

        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("t = 0");
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("t = 30 s");
        _clock.Advance(TimeSpan.FromMilliseconds(29_999));
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("at t = 59.999 s both requests are still less than 60 s old");

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1, "at t = 60 s the request of t = 0 has left the window, the one of t = 30 s has not");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("one slot freed at t = 60 s");
        (await limiter.IsAllowedAsync("user1")).Should().BeFalse("only one slot freed: this is a sliding window, not a fixed one that resets");

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("at t = 90 s the request of t = 30 s has left too");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Remaining_and_reset_time_do_not_consume_requests()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 2, window: Minute, time: _clock);

        for (var i = 0; i < 5; i++)
        {
            (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(2, "looking at the limit is not a request");
            (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.Zero, "no request is in the window");
        }

        (await Scope.KeysAsync()).Should().BeEmpty("reading the limit writes nothing");
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue();
        (await limiter.GetRemainingRequestsAsync("user1")).Should().Be(1);
        (await limiter.GetResetTimeAsync("user1")).Should().Be(Minute);
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue("GetRemainingRequestsAsync and GetResetTimeAsync consumed nothing");
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

        (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.FromSeconds(45), "oldest (t = 0) + window (60 s) - now (t = 15 s)");
        var denied = await limiter.DecideAsync("user1");
        denied.Should().Be(new RateLimitDecision(false, 0, TimeSpan.FromSeconds(45)), "a denial says how long until one more request is allowed (Retry-After)");

        _clock.Advance(TimeSpan.FromSeconds(45));
        (await limiter.GetResetTimeAsync("user1")).Should().Be(TimeSpan.FromSeconds(10), "the t = 0 request has left; the t = 10 s one leaves in 10 s");
        (await limiter.DecideAsync("user1")).Should().Be(new RateLimitDecision(true, 0, TimeSpan.FromSeconds(10)), "exactly when the reset time said");
    }

    [RedisFact]
    [Rubric(Rubric.RateLimiting)]
    public async Task Denied_requests_do_not_extend_the_block()
    {
        var limiter = new SlidingWindowRateLimiter(Db, maxRequests: 1, window: Minute, time: _clock);
        (await limiter.IsAllowedAsync("user1")).Should().BeTrue();

        for (var second = 1; second < 60; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            (await limiter.IsAllowedAsync("user1")).Should().BeFalse($"t = {second} s is inside the first request's window");
        }

        (await Db.SortedSetLengthAsync("rate_limit:{user1}")).Should().Be(1, "rate_limit:{user1} holds admitted requests only");
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

        (await limiter.IsAllowedAsync("alice")).Should().BeFalse();
        (await limiter.GetRemainingRequestsAsync("bob")).Should().Be(2, "alice's requests do not count against bob");
        (await limiter.IsAllowedAsync("bob")).Should().BeTrue();
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

        await ShouldRejectAsync<ArgumentNullException>(() => limiter.IsAllowedAsync(null!), "userId");
        await ShouldRejectAsync<ArgumentException>(() => limiter.IsAllowedAsync(""), "userId");
        await ShouldRejectAsync<ArgumentException>(() => limiter.DecideAsync(""), "userId");
        await ShouldRejectAsync<ArgumentException>(() => limiter.GetRemainingRequestsAsync(""), "userId");
        await ShouldRejectAsync<ArgumentException>(() => limiter.GetResetTimeAsync(""), "userId");
        await ShouldRejectAsync<ArgumentNullException>(() => limiter.GetResetTimeAsync(null!), "userId");

        ShouldReject<ArgumentNullException>(() => new SlidingWindowRateLimiter(null!), "redis");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, maxRequests: 0), "maxRequests");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, window: TimeSpan.Zero), "window");
        ShouldReject<ArgumentOutOfRangeException>(() => new SlidingWindowRateLimiter(Db, window: TimeSpan.FromSeconds(-1)), "window");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis");
    }

    private static async Task ShouldRejectAsync<TException>(Func<Task> act, string parameter)
        where TException : ArgumentException =>
        (await act.Should().ThrowAsync<TException>()).Which.ParamName.Should().Be(parameter);

    private static void ShouldReject<TException>(Action act, string parameter)
        where TException : ArgumentException =>
        act.Should().Throw<TException>().Which.ParamName.Should().Be(parameter);
}
