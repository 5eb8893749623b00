using System.Net;
using FluentAssertions;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary><c>GET /ping</c>, the load tests' baseline: trivial, outside the rate-limiting gateway (no Redis round trip).</summary>
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
    public async Task Ping_is_never_rate_limited_while_the_same_user_is_limited_on_products()
    {
        var client = _world.StartInstance(("Shop:RateLimitPermits", "2"));
        var pings = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            pings.Add(await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("bob"), Ct));
        }

        pings.Should().AllSatisfy(p => p.StatusCode.Should().Be(HttpStatusCode.OK), "the baseline is trivial: no gateway, no Redis");
        pings.Should().AllSatisfy(p => p.Headers.Contains("RateLimit-Remaining").Should().BeFalse("the limiter never decided on a ping"));

        var products = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            products.Add((await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P1").As("bob"), Ct)).StatusCode);
        }

        products.Should().Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], "the 20 pings took none of bob's 2 permits");
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping").As("bob"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a limited user still gets pong");
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
