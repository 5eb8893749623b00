using System.Diagnostics.Metrics;
using Workbook.Shop.Catalog;

namespace Workbook.Shop.Telemetry;

/// <summary>
/// The shop's own instruments, on the meter <see cref="MeterName"/>. Counters that the shop already keeps (the catalog
/// cache) and figures that take a broker or database round trip (lag, dead letters, outbox) are observed from
/// <see cref="ProductCatalog.Stats"/> and <see cref="BacklogMonitor.Current"/>, so a scrape never waits on Kafka.
/// </summary>
public sealed class ShopMetrics
{
    public const string MeterName = "Workbook.Shop";

    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<long> _limiterFailedOpen;

    public ShopMetrics(IMeterFactory meters, ProductCatalog catalog, BacklogMonitor backlog)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(backlog);
        var meter = meters.Create(MeterName);
        _ordersPlaced = meter.CreateCounter<long>("shop.orders.placed", "{order}", "Orders accepted by this instance (an idempotent retry is not counted again).");
        _limiterFailedOpen = meter.CreateCounter<long>("shop.rate_limit.fail_open", "{request}", "Requests the rate limiter let through unchecked because Redis was unavailable.");
        meter.CreateObservableCounter("shop.catalog.cache.hits", () => CacheHits(catalog.Stats), "{lookup}", "Product lookups answered by a cache, by tier (memory, redis, negative: an id remembered as unknown).");
        meter.CreateObservableCounter("shop.catalog.cache.misses", () => catalog.Stats.Misses, "{lookup}", "Product lookups that went to the database.");
        meter.CreateObservableGauge("shop.kafka.consumer.lag", () => backlog.Current.ConsumerLag.Select(g => new Measurement<long>(g.Lag, new KeyValuePair<string, object?>("group", g.Group))), "{record}", "Records on orders not yet processed, per consumer group.");
        meter.CreateObservableGauge("shop.kafka.dlq.size", () => backlog.Current.DeadLetters, "{record}", "Records in orders.dlq.");
        meter.CreateObservableGauge("shop.outbox.backlog", () => backlog.Current.OutboxBacklog, "{order}", "Outbox rows not yet published to Kafka.");
    }

    /// <summary>Counts one order that this instance created.</summary>
    public void OrderPlaced() => _ordersPlaced.Add(1);

    /// <summary>Counts one request the rate limiter let through because it could not ask Redis.</summary>
    public void LimiterFailedOpen() => _limiterFailedOpen.Add(1);

    private static IEnumerable<Measurement<long>> CacheHits(CacheStats stats) =>
    [
        new(stats.LocalHits, new KeyValuePair<string, object?>("tier", "memory")),
        new(stats.RedisHits, new KeyValuePair<string, object?>("tier", "redis")),
        new(stats.AbsentHits, new KeyValuePair<string, object?>("tier", "negative")),
    ];
}
