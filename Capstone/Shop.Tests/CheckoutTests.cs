using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Shop.Cart;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 5: checkout turns the cart into one idempotent order and empties the cart.</summary>
public sealed class CheckoutTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkout_makes_one_order_of_the_cart_and_empties_it_and_a_retry_returns_that_order()
    {
        var client = _world.StartInstance();
        await AddToCart(client, "olga", "P1", 2);
        await AddToCart(client, "olga", "P6", 3);

        var first = await Checkout(client, "olga", "co-1");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var order = await first.ReadAsync<Order>(Ct);
        order.Items.Should().Equal([new OrderItem("P1", 2), new OrderItem("P6", 3)], "the order holds the cart's items");
        order.Total.Should().Be((24.90m * 2) + (4.20m * 3), "prices come from the catalog");
        var cart = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("olga"), Ct)).ReadAsync<CartView>(Ct);
        cart.Items.Should().BeEmpty("checkout takes the whole cart");

        await AddToCart(client, "olga", "P2", 1); // a refilled cart is not touched by a retry
        var retry = await Checkout(client, "olga", "co-1");
        retry.StatusCode.Should().Be(HttpStatusCode.OK, "a retry with the same Idempotency-Key returns the first order");
        (await retry.ReadAsync<Order>(Ct)).Should().BeEquivalentTo(order);
        cart = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("olga"), Ct)).ReadAsync<CartView>(Ct);
        cart.Items.Should().Equal([new OrderItem("P2", 1)], "the retry did not take the new cart");

        await using var scope = _world.Services().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        (await db.Orders.CountAsync(Ct)).Should().Be(1);
        (await db.OutboxMessages.CountAsync(Ct)).Should().Be(1, "one order, one event");
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_or_without_a_key_is_a_problem()
    {
        var client = _world.StartInstance();
        await HostTests.ShouldBeProblem(await Checkout(client, "pia", "co-1"), HttpStatusCode.Conflict);
        await AddToCart(client, "pia", "P1", 1);
        await HostTests.ShouldBeProblem(await Checkout(client, "pia", key: null), HttpStatusCode.BadRequest);
        var cart = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("pia"), Ct)).ReadAsync<CartView>(Ct);
        cart.Items.Should().Equal([new OrderItem("P1", 1)], "a refused checkout leaves the cart");
    }

    internal static async Task AddToCart(HttpClient client, string user, string product, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/items")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { product_id = product, quantity }, options: Json.Options),
        }.As(user);
        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }

    internal static Task<HttpResponseMessage> Checkout(HttpClient client, string user, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/checkout")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = $"{user}@example.com" }, options: Json.Options),
        }.As(user);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
