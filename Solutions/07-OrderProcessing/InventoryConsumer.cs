using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;
using Order = Workbook.Contracts.Orders.Order; // StackExchange.Redis has an Order enum too

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>inventory-service</c> consumer group: takes each order's items out of stock, once per order.
/// The stock change and the "applied" marker change in one Lua script, so a record read twice (after a crash or a
/// rebalance) finds the marker and changes nothing. Stock may go below zero: the order was already accepted.
/// </summary>
public sealed class InventoryConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "inventory-service";

    // KEYS[1] the order's applied marker, KEYS[2..] stock keys; ARGV[i] the units to take from KEYS[i + 1].
    // Every stock value is checked before the first write: a script that fails halfway keeps its earlier writes.
    private const string ApplyScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        for i = 2, #KEYS do
          local stock = redis.call('GET', KEYS[i])
          if stock and not string.match(stock, '^%-?%d+$') then
            return redis.error_reply('stock at ' .. KEYS[i] .. ' is not an integer: ' .. stock)
          end
        end
        for i = 2, #KEYS do
          redis.call('DECRBY', KEYS[i], ARGV[i - 1])
        end
        redis.call('SET', KEYS[1], '1')
        return 1
        """;

    private readonly IDatabase _redis;
    private readonly OrderConsumerLoop _loop;

    /// <param name="options">Where Kafka is.</param>
    /// <param name="redis">Where stock and applied orders live.</param>
    /// <param name="logger">Receives retries and dead letters; optional.</param>
    public InventoryConsumer(KafkaOptions options, IDatabase redis, ILogger<InventoryConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        options.Validate();
        _redis = redis;
        _loop = new OrderConsumerLoop(options, GroupName, ApplyAsync, maxAttempts: 3, logger);
    }

    /// <summary>Takes ordered units out of stock until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) => _loop.RunAsync(cancellationToken);

    /// <summary>Units in stock; 0 for a product never stocked.</summary>
    /// <param name="productId">The product; not empty.</param>
    public async Task<long> GetStockAsync(string productId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        var units = await _redis.StringGetAsync(StockKey(productId));
        return units.IsNull ? 0 : (long)units;
    }

    /// <summary>Sets the units in stock (a delivery, a stock count).</summary>
    /// <param name="productId">The product; not empty.</param>
    /// <param name="units">Units now in stock; not negative.</param>
    public async Task SetStockAsync(string productId, long units)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        await _redis.StringSetAsync(StockKey(productId), units);
    }

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose() => _loop.Dispose();

    private async Task ApplyAsync(Order order, CancellationToken cancellationToken)
    {
        // One key per product, even if the order lists it twice.
        var lines = order.Items.GroupBy(item => item.ProductId, StringComparer.Ordinal)
            .Select(group => (ProductId: group.Key, Units: group.Sum(item => (long)item.Quantity)))
            .ToArray();
        RedisKey[] keys = [AppliedKey(order.OrderId), .. lines.Select(line => StockKey(line.ProductId))];
        RedisValue[] units = [.. lines.Select(line => (RedisValue)line.Units)];
        await _redis.ScriptEvaluateAsync(ApplyScript, keys, units);
    }

    // All inventory keys share the {inventory} hash tag, so the script is valid on Redis Cluster.
    private static RedisKey StockKey(string productId) => $"{{inventory}}:stock:{productId}";

    private static RedisKey AppliedKey(string orderId) => $"{{inventory}}:applied:{orderId}";
}
