using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>inventory-service</c> consumer group: take each order's items out of stock, once per order.
/// Task: the stock change and the order's "applied" marker must change in one atomic step, so a record read twice
/// changes nothing the second time; commit only after processing; dead-letter records that cannot be processed.
/// Read docs/lessons/07-order-processing.md first.
/// </summary>
public sealed class InventoryConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "inventory-service";

    private readonly KafkaOptions _options;
    private readonly IDatabase _redis;
    private readonly ILogger<InventoryConsumer>? _logger;

    /// <param name="options">Where Kafka is.</param>
    /// <param name="redis">Where stock and applied orders live.</param>
    /// <param name="logger">Receives retries and dead letters; optional.</param>
    public InventoryConsumer(KafkaOptions options, IDatabase redis, ILogger<InventoryConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        options.Validate();
        _options = options;
        _redis = redis;
        _logger = logger;
    }

    /// <summary>Takes ordered units out of stock until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.ProcessAsync — consume orders as group options.GroupId(\"inventory-service\"); one Lua script: EXISTS {inventory}:applied:<id>, else DECRBY each {inventory}:stock:<product> and SET the marker; then StoreOffset/Commit.");

    /// <summary>Units in stock; 0 for a product never stocked.</summary>
    /// <param name="productId">The product; not empty.</param>
    public Task<long> GetStockAsync(string productId) =>
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.GetStockAsync — GET {inventory}:stock:<productId>, 0 when missing.");

    /// <summary>Sets the units in stock (a delivery, a stock count).</summary>
    /// <param name="productId">The product; not empty.</param>
    /// <param name="units">Units now in stock; not negative.</param>
    public Task SetStockAsync(string productId, long units) =>
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.SetStockAsync — SET {inventory}:stock:<productId> units.");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose()
    {
    }
}
