using System.Globalization;
using StackExchange.Redis;
using Workbook.Shop.Catalog;
using Workbook.Shop.Hosting;
using Workbook.Shop.Orders;
using Workbook.Shop.Resilience;
using Order = Workbook.Contracts.Orders.Order;

namespace Workbook.Shop.Analytics;

/// <summary>One product's revenue in the analytics.</summary>
public sealed record ProductRevenue(string ProductId, decimal Revenue);

/// <summary>One product's units sold.</summary>
public sealed record ProductUnits(string ProductId, long Units);

/// <summary><c>GET /analytics</c>; <see cref="Orders"/> counts the orders analysed (each once), on every instance together.</summary>
public sealed record AnalyticsView(
    decimal Revenue,
    IReadOnlyList<ProductRevenue> RevenueByProduct,
    IReadOnlyList<ProductUnits> TopProducts,
    IReadOnlyList<string> ActiveUsers,
    long Orders);

/// <summary>
/// The shop's live analytics in Redis, all under the <c>{analytics}</c> hash tag (one script, valid on Redis Cluster):
/// revenue in integer minor units (cents: <c>INCRBY</c>/<c>HINCRBY</c> are exact, a Lua or JSON double would not be),
/// units sold per product in a sorted set, users by last order time in a sorted set trimmed to the active window, and
/// the number of orders (the dashboard's orders per second is its change).
/// Each order is applied once: the script checks and sets <c>{analytics}:applied:&lt;orderId&gt;</c> with the update.
/// </summary>
public sealed class AnalyticsStore(ShopBackends backends, ProductCatalog catalog, TimeProvider time, RedisGuard guard)
{
    /// <summary>A user who ordered within this window counts as active.</summary>
    public static readonly TimeSpan ActiveWindow = TimeSpan.FromMinutes(5);

    private const int TopCount = 10;
    private const string Revenue = "{analytics}:revenue";
    private const string ProductRevenueKey = "{analytics}:revenue:products";
    private const string Units = "{analytics}:units";
    private const string Active = "{analytics}:active";
    private const string OrderCount = "{analytics}:orders";

    // KEYS: applied marker, revenue, per-product revenue, units, active users, order count.
    // ARGV: total cents, now ms, cutoff ms, user, then (product, cents, units) per line.
    private const string ApplyScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('INCRBY', KEYS[2], ARGV[1])
        redis.call('INCR', KEYS[6])
        for i = 5, #ARGV, 3 do
          redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1])
          redis.call('ZINCRBY', KEYS[4], ARGV[i + 2], ARGV[i])
        end
        redis.call('ZADD', KEYS[5], 'GT', ARGV[2], ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[3])
        redis.call('SET', KEYS[1], '1')
        return 1
        """;

    private IDatabase Db => backends.Database;

    /// <summary>
    /// Adds the order to the analytics unless it was added before. Per-product revenue uses the catalog's price when the
    /// order is analysed (the order event carries only its total); the total revenue is the order's own total.
    /// </summary>
    /// <exception cref="InvalidDataException">A product is unknown or an amount is not whole cents (the loop dead-letters it).</exception>
    public async Task ApplyAsync(Order order, CancellationToken cancellationToken)
    {
        var values = new List<RedisValue> { Cents(order.Total), 0, 0, order.UserId };
        foreach (var line in order.Items.GroupBy(i => i.ProductId, StringComparer.Ordinal))
        {
            var product = await catalog.GetAsync(line.Key, trustAbsence: false, cancellationToken)
                ?? throw new InvalidDataException($"Order {order.OrderId}: there is no product '{line.Key}'.");
            var units = line.Sum(i => (long)i.Quantity);
            values.AddRange([line.Key, Cents(product.Price * units), units]);
        }

        var now = time.GetUtcNow();
        values[1] = now.ToUnixTimeMilliseconds();
        values[2] = (now - ActiveWindow).ToUnixTimeMilliseconds();
        await Db.ScriptEvaluateAsync(ApplyScript, [$"{{analytics}}:applied:{order.OrderId}", Revenue, ProductRevenueKey, Units, Active, OrderCount], [.. values]);
    }

    /// <summary>Revenue, revenue per product (by id), the ten best sellers by units, the users active in the last five minutes, and the order count.</summary>
    /// <exception cref="RedisUnavailableException">Redis did not answer (the API answers 503: analytics live only in Redis).</exception>
    public Task<AnalyticsView> ReadAsync() => guard.ReadAsync(_ => ReadFromRedisAsync());

    private async Task<AnalyticsView> ReadFromRedisAsync()
    {
        var cutoff = (time.GetUtcNow() - ActiveWindow).ToUnixTimeMilliseconds();
        var revenue = Db.StringGetAsync(Revenue);
        var perProduct = Db.HashGetAllAsync(ProductRevenueKey);
        var top = Db.SortedSetRangeByRankWithScoresAsync(Units, 0, TopCount - 1, StackExchange.Redis.Order.Descending);
        var active = Db.SortedSetRangeByScoreAsync(Active, cutoff, double.PositiveInfinity, order: StackExchange.Redis.Order.Descending);
        var orders = Db.StringGetAsync(OrderCount);
        await Task.WhenAll(revenue, perProduct, top, active, orders);
        return new AnalyticsView(
            Amount(await revenue),
            [.. (await perProduct).Select(e => new ProductRevenue(e.Name!, Amount(e.Value))).OrderBy(p => p.ProductId, StringComparer.Ordinal)],
            [.. (await top).Select(e => new ProductUnits(e.Element!, (long)e.Score))],
            [.. (await active).Select(u => (string)u!)],
            (long?)await orders ?? 0);
    }

    // The same rule the shop applied when it accepted the order (Money): an accepted order is always whole cents.
    private static string Cents(decimal amount) => Money.ToCents(amount).ToString(CultureInfo.InvariantCulture);

    private static decimal Amount(RedisValue cents) => cents.IsNull ? 0m : Money.FromCents((long)cents);
}
