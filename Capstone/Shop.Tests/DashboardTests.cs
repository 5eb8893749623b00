using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Shop.Analytics;
using Workbook.Shop.Dashboard;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>The dashboard: <c>/</c> serves the page, <c>/dashboard/events</c> streams snapshots of the live analytics.</summary>
public sealed class DashboardTests : IAsyncDisposable
{
    private static readonly (string, string?) FastSnapshots = ("Shop:DashboardInterval", "00:00:00.200");

    private readonly RedisFixture _redis;
    private readonly KafkaFixture _kafka;
    private readonly List<ShopWorld> _worlds = [];

    public DashboardTests(RedisFixture redis, KafkaFixture kafka)
    {
        _redis = redis;
        _kafka = kafka;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshots_follow_an_order_revenue_orders_per_second_top_products_and_active_users()
    {
        var world = World(consumers: true);
        var client = world.StartInstance(FastSnapshots);
        await using var stream = await DashboardStream.OpenAsync(client, Ct);
        stream.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");

        var first = await stream.UntilAsync("any figures", _ => true);
        first.Revenue.Should().Be(0m, "nothing was ordered in this world yet");
        first.Orders.Should().Be(0);
        stream.Seen[0].EventType.Should().Be("snapshot", "the page listens for 'snapshot' events");

        (await ShopProbes.PostOrder(client, "ann", "a1", Ct, ("P1", 2), ("P3", 1))).StatusCode.Should().Be(HttpStatusCode.Created); // 49.80 + 8.50

        var after = await stream.UntilAsync("revenue 58.30", s => s.Revenue == 58.30m);
        after.Orders.Should().Be(1, "one order was analysed");
        after.OrdersPerSecond.Should().BePositive("the order count rose since the snapshot before, which counted none");
        after.ActiveUsers.Should().Be(1, "ann ordered a moment ago");
        after.TopProducts.Should().Equal(
            [new TopProduct("P1", "Espresso beans, 1 kg", 2), new TopProduct("P3", "Ceramic cup", 1)],
            "top products carry catalog names and units, best first");

        var later = await stream.UntilAsync("a later snapshot", s => s.At > after.At);
        later.OrdersPerSecond.Should().Be(0, "no order arrived since");
        later.Revenue.Should().Be(58.30m);
    }

    [Fact]
    public async Task The_order_counter_counts_each_order_once_however_often_it_is_applied()
    {
        var world = World(consumers: false);
        world.StartInstance();
        var store = world.Services().GetRequiredService<AnalyticsStore>();
        var order = new Order("ORD-dash-1", "ann", "ann@example.com", [new OrderItem("P1", 1)], 24.90m);

        await store.ApplyAsync(order, Ct);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.ApplyAsync(order, Ct))); // redelivered and replayed
        (await store.ReadAsync()).Orders.Should().Be(1, "the counter is raised in the same script as the applied-once marker");

        await store.ApplyAsync(order with { OrderId = "ORD-dash-2" }, Ct);
        var view = await store.ReadAsync();
        view.Orders.Should().Be(2);
        view.Revenue.Should().Be(49.80m, "revenue and count move together");
    }

    [Fact]
    public async Task Neither_the_page_nor_the_event_stream_is_cut_by_the_rate_limit()
    {
        var world = World(consumers: false);
        var client = world.StartInstance(FastSnapshots, ("Shop:RateLimitPermits", "1"));
        (await client.GetAsync("/analytics", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/analytics", Ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "this caller has used its one request");

        var page = await client.GetAsync("/", Ct);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard page is served before the gateway");
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync(Ct)).Should().Contain("data-testid=\"revenue\"").And.Contain("dashboard.js");
        (await client.GetAsync("/dashboard.js", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var one = await DashboardStream.OpenAsync(client, Ct);
        await using var two = await DashboardStream.OpenAsync(client, Ct);
        one.Response.StatusCode.Should().Be(HttpStatusCode.OK, "the event stream is exempt from the limit");
        two.Response.StatusCode.Should().Be(HttpStatusCode.OK, "a reconnecting EventSource is not refused either");
        await one.UntilAsync("two snapshots", _ => one.Seen.Count >= 2);
        await two.UntilAsync("a snapshot", _ => true);
    }

    [Fact]
    public async Task The_event_stream_ends_cleanly_when_the_host_stops()
    {
        var world = World(consumers: false);
        var client = world.StartInstance(FastSnapshots);
        await using var stream = await DashboardStream.OpenAsync(client, Ct);
        await stream.UntilAsync("a snapshot", _ => true);

        var stopping = world.StopInstanceAsync();
        (await stream.EndedAsync()).Should().BeTrue("the server completes the response when the host stops");
        await stopping;
    }

    private ShopWorld World(bool consumers)
    {
        var world = new ShopWorld(_redis, _kafka, consumers);
        if (consumers)
        {
            var senders = new CountingSenders();
            world.ConfigureServices = senders.Register;
        }

        _worlds.Add(world);
        return world;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds)
        {
            await world.DisposeAsync();
        }
    }
}
