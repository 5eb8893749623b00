using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Analytics;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Real time that a test can move forward; timers (the relay's backoff) still run on real time.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}

/// <summary>Step 6: the analytics consumer keeps exact revenue, top sellers and active users in Redis; <c>GET /analytics</c> shows them.</summary>
public sealed class AnalyticsTests : IAsyncDisposable
{
    private readonly ShopWorld _world;
    private readonly ShiftedClock _clock = new();

    public AnalyticsTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
        var senders = new CountingSenders();
        _world.ConfigureServices = services =>
        {
            senders.Register(services);
            services.AddSingleton<TimeProvider>(_clock);
        };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revenue_top_products_and_active_users_are_exact_after_known_orders()
    {
        var client = _world.StartInstance();
        (await ShopProbes.PostOrder(client, "ann", "a1", Ct, ("P1", 2), ("P3", 1))).EnsureSuccessStatusCode(); // 49.80 + 8.50 = 58.30
        (await ShopProbes.PostOrder(client, "ben", "b1", Ct, ("P3", 3), ("P6", 5))).EnsureSuccessStatusCode(); // 25.50 + 21.00 = 46.50
        await RevenueAsync(104.80m);

        _clock.Shift = TimeSpan.FromMinutes(4);
        (await ShopProbes.PostOrder(client, "cy", "c1", Ct, ("P2", 1), ("P1", 1))).EnsureSuccessStatusCode(); // 39.00 + 24.90 = 63.90
        var analytics = await RevenueAsync(168.70m);

        analytics.RevenueByProduct.Should().Equal(
            [new ProductRevenue("P1", 74.70m), new ProductRevenue("P2", 39.00m), new ProductRevenue("P3", 34.00m), new ProductRevenue("P6", 21.00m)],
            "per-product revenue is units × catalog price, summed in cents (no floating point)");
        analytics.TopProducts.Should().Equal(
            [new ProductUnits("P6", 5), new ProductUnits("P3", 4), new ProductUnits("P1", 3), new ProductUnits("P2", 1)],
            "top sellers are ranked by units sold");
        analytics.ActiveUsers.Should().BeEquivalentTo(["ann", "ben", "cy"], "all three ordered within the last 5 minutes");
        analytics.ActiveUsers[0].Should().Be("cy", "the most recent first");

        _clock.Shift = TimeSpan.FromMinutes(6);
        analytics = await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct);
        analytics.ActiveUsers.Should().Equal(["cy"], "ann and ben were last seen 6 minutes ago, cy 2 minutes ago");
        analytics.Revenue.Should().Be(168.70m, "revenue does not expire");
    }

    private Task<AnalyticsView> RevenueAsync(decimal revenue) => Eventually.UntilAsync(
        $"analytics revenue {revenue}",
        async () => await (await _world.StartedClient().GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct),
        a => a.Revenue == revenue,
        TimeSpan.FromSeconds(30),
        cancellationToken: Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
