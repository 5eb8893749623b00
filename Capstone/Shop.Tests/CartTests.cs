using System.Net;
using FluentAssertions;
using StackExchange.Redis;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Cart;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 4: the cart is a Redis hash per user with a sliding expiry; concurrent updates are never lost.</summary>
public sealed class CartTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDatabase Redis => _world.Redis.Connection.GetDatabase();

    private RedisKey CartKey(string user) => _world.KeyPrefix + CartStore.Key(user).ToString();

    [Fact]
    public async Task Fifty_concurrent_adds_of_one_item_leave_quantity_50()
    {
        var first = _world.StartInstance();
        var second = _world.StartInstance();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Send(i % 2 == 0 ? first : second, HttpMethod.Post, "/cart/items", "erin", new { product_id = "P1", quantity = 1 })));
        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK));

        var cart = await (await Send(first, HttpMethod.Get, "/cart", "erin")).ReadAsync<CartView>(Ct);
        cart.Items.Should().Equal([new OrderItem("P1", 50)], "every one of the 50 concurrent HINCRBYs counts");
    }

    [Fact]
    public async Task A_cart_untouched_for_its_TTL_is_gone()
    {
        var client = _world.StartInstance(("Shop:CartTtl", "00:00:00.500"));
        (await Send(client, HttpMethod.Post, "/cart/items", "frank", new { product_id = "P2", quantity = 2 })).EnsureSuccessStatusCode();
        (await Redis.KeyExistsAsync(CartKey("frank"))).Should().BeTrue();

        // Watch Redis, not the API: reading the cart through the API would slide its expiry.
        await Eventually.UntilAsync("frank's cart to expire", () => Redis.KeyExistsAsync(CartKey("frank")), exists => !exists, TimeSpan.FromSeconds(10), cancellationToken: Ct);
        var cart = await (await Send(client, HttpMethod.Get, "/cart", "frank")).ReadAsync<CartView>(Ct);
        cart.Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Any_cart_operation_slides_the_expiry(string operation)
    {
        var client = _world.StartInstance();
        (await Send(client, HttpMethod.Post, "/cart/items", "gina", new { product_id = "P1", quantity = 1 })).EnsureSuccessStatusCode();
        (await Send(client, HttpMethod.Post, "/cart/items", "gina", new { product_id = "P2", quantity = 1 })).EnsureSuccessStatusCode();
        // As if most of the 30 minutes had passed.
        await Redis.KeyExpireAsync(CartKey("gina"), TimeSpan.FromSeconds(5));

        var response = operation switch
        {
            "GET" => await Send(client, HttpMethod.Get, "/cart", "gina"),
            "POST" => await Send(client, HttpMethod.Post, "/cart/items", "gina", new { product_id = "P3", quantity = 1 }),
            _ => await Send(client, HttpMethod.Delete, "/cart/items/P1", "gina"),
        };
        response.IsSuccessStatusCode.Should().BeTrue();
        var ttl = await Redis.KeyTimeToLiveAsync(CartKey("gina"));
        ttl.Should().BeGreaterThan(TimeSpan.FromMinutes(29), $"{operation} uses the cart, so its 30-minute expiry starts again");
    }

    [Fact]
    public async Task Removing_an_item_leaves_the_others()
    {
        var client = _world.StartInstance();
        await Send(client, HttpMethod.Post, "/cart/items", "hal", new { product_id = "P1", quantity = 2 });
        await Send(client, HttpMethod.Post, "/cart/items", "hal", new { product_id = "P2", quantity = 3 });
        (await Send(client, HttpMethod.Delete, "/cart/items/P1", "hal")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await HostTests.ShouldBeProblem(await Send(client, HttpMethod.Delete, "/cart/items/P1", "hal"), HttpStatusCode.NotFound);
        var cart = await (await Send(client, HttpMethod.Get, "/cart", "hal")).ReadAsync<CartView>(Ct);
        cart.Items.Should().Equal([new OrderItem("P2", 3)]);
    }

    [Theory]
    [InlineData("{\"product_id\": \"P1\", \"quantity\": 0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"product_id\": \"P1\", \"quantity\": -3}", HttpStatusCode.BadRequest)]
    [InlineData("{\"quantity\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("{\"product_id\": \"P1\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"product_id\": \"P1\", \"quantity\": \"many\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"product_id\": ", HttpStatusCode.BadRequest)]
    [InlineData("{\"product_id\": \"NOPE\", \"quantity\": 1}", HttpStatusCode.NotFound)]
    public async Task Bad_input_is_a_problem_and_changes_nothing(string body, HttpStatusCode status)
    {
        var client = _world.StartInstance();
        await Send(client, HttpMethod.Post, "/cart/items", "ivy", new { product_id = "P1", quantity = 1 });
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/items") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") }.As("ivy");
        await HostTests.ShouldBeProblem(await client.SendAsync(request, Ct), status);
        var cart = await (await Send(client, HttpMethod.Get, "/cart", "ivy")).ReadAsync<CartView>(Ct);
        cart.Items.Should().Equal([new OrderItem("P1", 1)], "a rejected request changes nothing");
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string user, object? body = null)
    {
        var request = new HttpRequestMessage(method, url).As(user);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.Options);
        }

        return client.SendAsync(request, Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
