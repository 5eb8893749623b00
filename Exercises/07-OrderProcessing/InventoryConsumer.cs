using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>inventory-service</c> consumer group: take each order's items out of stock, once per order (an
/// order may list a product on more than one line: every line's units count).
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
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.ProcessAsync — as the inventory-service group, take each order's items out of stock exactly once (the stock and the order's applied marker change as one step), commit only after processing, and dead-letter what cannot be processed; when cancelled, commit and leave the group. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Units in stock; 0 for a product never stocked.</summary>
    /// <param name="productId">The product; not empty.</param>
    public Task<long> GetStockAsync(string productId) =>
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.GetStockAsync — return the product's units in stock; 0 for a product never stocked. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Sets the units in stock (a delivery, a stock count).</summary>
    /// <param name="productId">The product; not empty.</param>
    /// <param name="units">Units now in stock; not negative.</param>
    public Task SetStockAsync(string productId, long units) =>
        throw new NotImplementedException("Lesson 07: implement InventoryConsumer.SetStockAsync — set the product's units in stock. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose()
    {
    }
}
