using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Shop.Cart;
using Workbook.Shop.Catalog;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Identity: "anyone is anyone", "admin is open" and "the rate limit is optional".</summary>
public sealed partial class HostileClientTests
{
    [Fact]
    public async Task Bob_cannot_read_fill_or_check_out_Alices_cart_even_naming_her_in_X_User_Id()
    {
        var client = _world.StartInstance();
        (await client.SendAsync(Json.Request(HttpMethod.Post, "/cart/items", new { product_id = "P1", quantity = 2 }).As("alice"), Ct)).EnsureSuccessStatusCode();

        var read = await client.SendAsync(Json.Request(HttpMethod.Get, "/cart").As("bob").Claiming("alice"), Ct);
        var bobs = await read.ReadAsync<CartView>(Ct);
        bobs.UserId.Should().Be("bob", "the token's subject names the cart; the header is ignored");
        bobs.Items.Should().BeEmpty();

        var added = await client.SendAsync(Json.Request(HttpMethod.Post, "/cart/items", new { product_id = "P2", quantity = 1 }).As("bob").Claiming("alice"), Ct);
        (await added.ReadAsync<CartView>(Ct)).UserId.Should().Be("bob");

        var checkout = Json.Request(HttpMethod.Post, "/cart/checkout", new { email = "mallory@example.com" }).As("bob").Claiming("alice");
        checkout.Headers.Add("Idempotency-Key", "steal-1");
        var order = await (await client.SendAsync(checkout, Ct)).ReadAsync<Order>(Ct);
        order.UserId.Should().Be("bob");
        order.Items.Should().Equal([new OrderItem("P2", 1)], "bob checked out his own cart only");

        var alices = await (await client.SendAsync(Json.Request(HttpMethod.Get, "/cart").As("alice"), Ct)).ReadAsync<CartView>(Ct);
        alices.Items.Should().Equal([new OrderItem("P1", 2)], "alice's cart is untouched");
    }

    [Theory]
    [InlineData("GET", "/cart")]
    [InlineData("POST", "/cart/items")]
    [InlineData("POST", "/cart/checkout")]
    [InlineData("POST", "/orders")]
    public async Task The_cart_and_orders_without_a_token_are_401_even_with_X_User_Id(string method, string url)
    {
        var client = _world.StartInstance();
        var request = Json.Request(new HttpMethod(method), url, method == "GET" ? null : new { product_id = "P1", quantity = 1, email = "a@example.com" }).Claiming("alice");
        request.Headers.Add("Idempotency-Key", "k1");
        var response = await client.SendAsync(request, Ct);
        await HostTests.ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Only_an_admin_changes_a_price_anonymous_is_401_and_a_user_token_403()
    {
        var client = _world.StartInstance();
        var anonymous = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P3", new { price = 0.01m }), Ct);
        (await HostTests.ShouldBeProblem(anonymous, HttpStatusCode.Unauthorized)).Should().Contain("Bearer");
        var user = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P3", new { price = 0.01m }).As("mallory"), Ct);
        (await HostTests.ShouldBeProblem(user, HttpStatusCode.Forbidden)).Should().Contain("admin");
        var unchanged = await client.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct);
        unchanged!.Price.Should().NotBe(0.01m, "neither refused write changed the price");

        var admin = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P3", new { price = 12.34m }).AsAdmin(), Ct);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct))!.Price.Should().Be(12.34m);
    }

    [Theory]
    [InlineData("POST", "/products")]
    [InlineData("GET", "/admin/dlq")]
    [InlineData("POST", "/admin/dlq/0:0/replay")]
    [InlineData("GET", "/admin/backlog")]
    [InlineData("GET", "/simulation")]
    [InlineData("POST", "/simulation")]
    [InlineData("DELETE", "/simulation")]
    public async Task Adding_products_dead_letters_simulation_and_admin_are_401_anonymous_and_403_for_a_user(string method, string url)
    {
        var client = _world.StartInstance();
        await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(new HttpMethod(method), url), Ct), HttpStatusCode.Unauthorized);
        await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(new HttpMethod(method), url).As("mallory"), Ct), HttpStatusCode.Forbidden);
        var status = await (await client.SendAsync(Json.Request(HttpMethod.Get, "/simulation").AsAdmin(), Ct)).ReadAsync<Simulation.SimulationStatus>(Ct);
        status.Running.Should().BeFalse("no refused request started shoppers");
    }

    [Fact]
    public async Task An_expired_token_a_foreign_signature_and_garbage_are_401()
    {
        var client = _world.StartInstance();
        string[] tokens = [TestTokens.Issuer.Issue("alice", [], TimeSpan.FromMinutes(-10)), TestTokens.ForeignSigned("alice"), "not-a-jwt"];
        foreach (var token in tokens)
        {
            await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(HttpMethod.Get, "/cart").WithToken(token), Ct), HttpStatusCode.Unauthorized);
            await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P1", new { price = 1m }).WithToken(TestTokens.ForeignSigned(TestTokens.AdminUser)), Ct), HttpStatusCode.Unauthorized);
        }

        (await client.SendAsync(Json.Request(HttpMethod.Get, "/cart").As("alice"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a valid token of the same user passes");
    }

    [Fact]
    public async Task A_fresh_X_User_Id_X_Api_Key_or_X_Forwarded_For_per_request_is_still_one_bucket()
    {
        var client = _world.StartInstance();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 101; i++)
        {
            var request = Json.Request(HttpMethod.Get, "/products/P1").Claiming($"u{i}");
            request.Headers.Add("x-user-id", $"U{i}");
            request.Headers.Add("X-Api-Key", $"key-{i}");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i % 250}");
            statuses.Add((await client.SendAsync(request, Ct)).StatusCode);
        }

        statuses.Take(100).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        statuses[100].Should().Be(HttpStatusCode.TooManyRequests, "no header a client chooses makes a new bucket: the 101st anonymous request in a minute is refused");

        var bob = new List<HttpStatusCode>();
        for (var i = 0; i < 101; i++)
        {
            bob.Add((await client.SendAsync(Json.Request(HttpMethod.Get, "/products/P1").As("bob").Claiming($"u{i}"), Ct)).StatusCode);
        }

        bob.Count(s => s == HttpStatusCode.OK).Should().Be(100, "bob's token is his own bucket, whatever else he sends");
        bob[100].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task X_Forwarded_For_counts_only_from_a_configured_proxy()
    {
        _world.StartInstance(("Shop:RateLimitPermits", "1"), ("Shop:ForwardedHeaders:KnownProxies:0", "10.0.0.5"));
        var server = _world.Server();

        // Through the proxy: each forwarded client is its own bucket.
        (await StatusFrom(server, "10.0.0.5", "203.0.113.1")).Should().Be(StatusCodes.Status200OK);
        (await StatusFrom(server, "10.0.0.5", "203.0.113.2")).Should().Be(StatusCodes.Status200OK);
        (await StatusFrom(server, "10.0.0.5", "203.0.113.1")).Should().Be(StatusCodes.Status429TooManyRequests);

        // Straight from a client: its forged header is ignored, the connection's address is counted.
        (await StatusFrom(server, "192.0.2.7", "203.0.113.50")).Should().Be(StatusCodes.Status200OK);
        (await StatusFrom(server, "192.0.2.7", "203.0.113.51")).Should().Be(StatusCodes.Status429TooManyRequests);
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_64_share_a_bucket_and_a_flood_of_addresses_leaves_at_most_the_bucket_count_of_keys()
    {
        _world.StartInstance(("Shop:RateLimitPermits", "3"), ("Shop:RateLimitAnonymousBuckets", "64"));
        var server = _world.Server();
        for (var i = 1; i <= 3; i++)
        {
            (await StatusFrom(server, $"2001:db8:1:2::{i:x}", null)).Should().Be(StatusCodes.Status200OK);
        }

        (await StatusFrom(server, "2001:db8:1:2:ffff::9", null)).Should().Be(StatusCodes.Status429TooManyRequests, "one /64 is one client");

        var flood = Enumerable.Range(0, 2000).Select(i => $"10.{i / 250}.{i % 250}.1").ToList();
        foreach (var batch in flood.Chunk(100))
        {
            await Task.WhenAll(batch.Select(address => StatusFrom(server, address, null)));
        }

        var keys = 0;
        foreach (var redisServer in _world.Redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var _ in redisServer.KeysAsync(pattern: _world.KeyPrefix + "rate_limit:*", pageSize: 500))
            {
                keys++;
            }
        }

        keys.Should().BeInRange(2, 64, "2,000 addresses hash into at most 64 anonymous buckets (plus none for subjects: there were none)");
    }

    [Fact]
    public async Task With_an_external_issuer_configured_the_development_issuer_is_off()
    {
        // Connection refused at once: the issuer's metadata cannot be read, so no token is valid, least of all ours.
        var client = _world.StartInstance(("Shop:Auth:Authority", "https://127.0.0.1:9/realms/shop"), ("Shop:Auth:Audience", "shop"));
        await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(HttpMethod.Get, "/cart").As("alice"), Ct), HttpStatusCode.Unauthorized);
        await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P1", new { price = 1m }).AsAdmin(), Ct), HttpStatusCode.Unauthorized);

        var simulator = _world.Services().GetRequiredService<Simulation.ShopperSimulator>();
        var start = () => simulator.StartAsync(1, Ct);
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Shop:Auth:Authority");

        using var output = new StringWriter();
        using var error = new StringWriter();
        Auth.DevTokenCommand.Run(["alice", "--admin", "--Shop:Auth:Authority=https://issuer.example/realms/shop"], output, error).Should().Be(2);
        output.ToString().Should().BeEmpty("no token is printed");
        error.ToString().Should().Contain("development issuer is off");
    }

    [Fact]
    public void A_key_file_without_a_key_an_authority_without_audience_or_an_unparsable_proxy_stop_the_host_at_start()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"shop-bad-key-{Guid.NewGuid():N}");
        File.WriteAllText(bad, "not base64!");
        try
        {
            StopsAtStart(() => _world.StartInstance(("Shop:Auth:DevKeyFile", bad)), bad);
        }
        finally
        {
            File.Delete(bad);
        }

        StopsAtStart(() => _world.StartInstance(("Shop:Auth:Authority", "https://issuer.example/realms/shop")), "Shop:Auth:Audience");
        StopsAtStart(() => _world.StartInstance(("Shop:ForwardedHeaders:KnownProxies:0", "proxy.local")), "KnownProxies");
    }

    // Like HostTests: WebApplicationFactory sometimes surfaces an aborted start as ObjectDisposedException instead.
    private static void StopsAtStart(Func<HttpClient> start, string named)
    {
        var error = start.Should().Throw<Exception>().Which;
        if (error is not ObjectDisposedException)
        {
            error.ToString().Should().Contain(named, "the error names what to fix");
        }
    }

    private static async Task<int> StatusFrom(Microsoft.AspNetCore.TestHost.TestServer server, string remote, string? forwardedFor)
    {
        var context = await server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/products/P1";
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return context.Response.StatusCode;
    }
}

/// <summary>What a hostile client adds to claim another identity.</summary>
internal static class HostileHeaders
{
    /// <summary>Sends <c>X-User-Id</c> naming <paramref name="user"/> (the identity header the shop once trusted).</summary>
    public static HttpRequestMessage Claiming(this HttpRequestMessage request, string user)
    {
        request.Headers.Add("X-User-Id", user);
        return request;
    }
}
