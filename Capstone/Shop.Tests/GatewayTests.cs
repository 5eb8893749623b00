using System.Net;
using FluentAssertions;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 2: 100 requests per minute per user, decided in Redis by lesson 06's limiter.</summary>
public sealed class GatewayTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_101st_request_in_a_minute_gets_429_with_Retry_After_and_another_user_is_unaffected()
    {
        var client = _world.StartInstance();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => GetAsync(client, "alice")));
        statuses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK), "the first 100 requests of alice are within the limit");
        statuses.Select(r => Remaining(r)).Should().BeEquivalentTo(Enumerable.Range(0, 100), "each admitted request takes one slot");

        var denied = await GetAsync(client, "alice");
        await HostTests.ShouldBeProblem(denied, HttpStatusCode.TooManyRequests);
        denied.Headers.RetryAfter?.Delta.Should().BePositive("a 429 says when to come back");
        denied.Headers.GetValues("RateLimit-Limit").Should().Equal("100");
        Remaining(denied).Should().Be(0);

        (await GetAsync(client, "bob")).StatusCode.Should().Be(HttpStatusCode.OK, "bob has his own window");
    }

    [Fact]
    public async Task The_limit_holds_across_two_instances_sharing_Redis()
    {
        var first = _world.StartInstance();
        var second = _world.StartInstance();
        var responses = await Task.WhenAll(Enumerable.Range(0, 101).Select(i => GetAsync(i % 2 == 0 ? first : second, "carol")));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(100, "the two instances share one window per user");
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(1);
    }

    [Fact]
    public async Task Health_checks_are_not_rate_limited()
    {
        var client = _world.StartInstance(("Shop:RateLimitPermits", "1"));
        (await GetAsync(client, "dave")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetAsync(client, "dave")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/health/live", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string user) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P1").As(user), Ct);

    private static int Remaining(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
