using System.Net;
using FluentAssertions;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary><c>GET /ping</c>, the load tests' baseline: trivial, yet through the same gateway as every API call.</summary>
public sealed class PingTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_answers_pong_as_plain_text()
    {
        var client = _world.StartInstance();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("ann"), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("pong");
    }

    [Fact]
    public async Task Ping_goes_through_the_rate_limiting_gateway()
    {
        var client = _world.StartInstance(("Shop:RateLimitPermits", "2"));
        var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("bob"), Ct);
        first.Headers.GetValues("RateLimit-Remaining").Should().Equal("1");
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("bob"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var third = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("bob"), Ct);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, because: "the baseline must pay for the same gateway as the endpoints it is compared with");
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("carol"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
