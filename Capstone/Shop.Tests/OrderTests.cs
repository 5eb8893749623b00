using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 5 (so far): idempotent orders, written with their outbox row, published to Kafka by the relay.</summary>
public sealed class OrderTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_order_posted_twice_with_one_Idempotency_Key_creates_one_order()
    {
        var client = _world.StartInstance();
        var first = await PostOrder(client, "jan", "key-1");
        var second = await PostOrder(client, "jan", "key-1");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "a retry returns the order made by the first request");
        var order = await first.ReadAsync<Order>(Ct);
        (await second.ReadAsync<Order>(Ct)).OrderId.Should().Be(order.OrderId);
        order.Total.Should().Be((24.90m * 2) + 8.50m, "prices come from the catalog");

        (await PostOrder(client, "jan", "key-2")).StatusCode.Should().Be(HttpStatusCode.Created, "another key is another order");
        await using var scope = _world.Services().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        (await db.Orders.CountAsync(Ct)).Should().Be(2);
        (await db.OutboxMessages.CountAsync(Ct)).Should().Be(2, "each order wrote exactly one event");
    }

    [Fact]
    public async Task A_placed_order_reaches_the_orders_topic()
    {
        var client = _world.StartInstance();
        var order = await (await PostOrder(client, "kim", "k")).ReadAsync<Order>(Ct);
        var records = await _world.KafkaScope.ReadAsync("orders", r => r.Any(x => x.Message.Key == order.OrderId), TimeSpan.FromSeconds(20), cancellationToken: Ct);
        records.Should().ContainSingle(r => r.Message.Key == order.OrderId);
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"product_id\": \"P1\", \"quantity\": 0}]}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\": \"a@b.c\", \"items\": []}", HttpStatusCode.BadRequest)]
    [InlineData("{\"items\": [{\"product_id\": \"P1\", \"quantity\": 1}]}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"quantity\": 1}]}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"product_id\": \"NOPE\", \"quantity\": 1}]}", HttpStatusCode.NotFound)]
    public async Task Bad_orders_are_problems_and_write_nothing(string body, HttpStatusCode status)
    {
        var client = _world.StartInstance();
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") }.As("lee");
        request.Headers.Add("Idempotency-Key", "bad");
        await HostTests.ShouldBeProblem(await client.SendAsync(request, Ct), status);
        await using var scope = _world.Services().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        (await db.Orders.CountAsync(Ct)).Should().Be(0);
        (await db.OutboxMessages.CountAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task An_order_without_an_Idempotency_Key_is_refused()
    {
        var client = _world.StartInstance();
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = System.Net.Http.Json.JsonContent.Create(Body(), options: Json.Options) }.As("max");
        await HostTests.ShouldBeProblem(await client.SendAsync(request, Ct), HttpStatusCode.BadRequest);
    }

    internal static Task<HttpResponseMessage> PostOrder(HttpClient client, string user, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = System.Net.Http.Json.JsonContent.Create(Body(), options: Json.Options) }.As(user);
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Ct);
    }

    private static object Body() => new { email = "x@example.com", items = new[] { new { product_id = "P1", quantity = 2 }, new { product_id = "P3", quantity = 1 } } };

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
