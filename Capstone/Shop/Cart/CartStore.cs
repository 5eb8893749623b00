using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workbook.Contracts.Orders;
using Workbook.Shop.Hosting;
using Workbook.Shop.Orders;
using Workbook.Shop.Resilience;

namespace Workbook.Shop.Cart;

/// <summary>
/// A cart is one Redis hash per user, <c>cart:{user}</c> (product id → quantity), that expires after
/// <see cref="ShopOptions.CartTtl"/> without use. Every operation is one Lua script that changes the hash and slides the
/// expiry together, so concurrent updates are never lost and a cart never lives on without its TTL.
/// Every call goes through <see cref="RedisGuard"/>: while Redis is unavailable a cart operation fails within
/// <see cref="ShopOptions.RedisCallTimeout"/> (at once when the circuit is open) with <see cref="RedisUnavailableException"/>,
/// which the API answers with 503 and <c>Retry-After</c>: a cart lives only in Redis, so there is nothing else to serve.
/// </summary>
public sealed class CartStore(ShopBackends backends, IOptions<ShopOptions> options, RedisGuard guard)
{
    // KEYS[1] the cart; ARGV product, units to add, ttl ms, most units per product, most products. Returns the new
    // quantity, or -1 (too many units) / -2 (too many products) and changes nothing.
    private const string AddScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
        if current + tonumber(ARGV[2]) > tonumber(ARGV[4]) then return -1 end
        if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return -2 end
        local quantity = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return quantity
        """;

    // KEYS[1] the cart; ARGV ttl ms. Returns the flat field/value list.
    private const string ReadScript = """
        local items = redis.call('HGETALL', KEYS[1])
        if #items > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return items
        """;

    // KEYS[1] the cart; ARGV product, ttl ms. Returns 1 when the product was in the cart.
    private const string RemoveScript = """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return removed
        """;

    // KEYS[1] the cart. Returns its items and deletes it: checkout takes the whole cart in one step.
    private const string TakeScript = """
        local items = redis.call('HGETALL', KEYS[1])
        redis.call('DEL', KEYS[1])
        return items
        """;

    private long TtlMs => (long)Math.Ceiling(options.Value.CartTtl.TotalMilliseconds);

    /// <summary><see cref="AddAsync"/>'s answer when the product would have more than <see cref="Money.MaxQuantity"/> units.</summary>
    public const long TooManyUnits = -1;

    /// <summary><see cref="AddAsync"/>'s answer when the cart would have more than <see cref="Money.MaxLines"/> products.</summary>
    public const long TooManyLines = -2;

    /// <summary>
    /// Adds units of a product (atomically, HINCRBY) and returns the quantity now in the cart, or
    /// <see cref="TooManyUnits"/>/<see cref="TooManyLines"/> (nothing added) when the cart would break the money rules.
    /// </summary>
    public Task<long> AddAsync(string userId, string productId, int units) => AddWithinAsync(userId, productId, units, Money.MaxQuantity, Money.MaxLines);

    /// <summary>The cart's items, ordered by product id; reading it counts as using it.</summary>
    public async Task<IReadOnlyList<OrderItem>> GetAsync(string userId) =>
        Items(await guard.ReadAsync(_ => backends.Database.ScriptEvaluateAsync(ReadScript, [Key(userId)], [TtlMs])));

    /// <summary>Removes a product; false when it was not in the cart.</summary>
    public async Task<bool> RemoveAsync(string userId, string productId) =>
        (long)await guard.RunAsync(_ => backends.Database.ScriptEvaluateAsync(RemoveScript, [Key(userId)], [productId, TtlMs])) == 1;

    /// <summary>Empties the cart and returns what was in it, in one step.</summary>
    public async Task<IReadOnlyList<OrderItem>> TakeAsync(string userId) =>
        Items(await guard.RunAsync(_ => backends.Database.ScriptEvaluateAsync(TakeScript, [Key(userId)])));

    /// <summary>Puts items back (a checkout that could not complete), sliding the expiry.</summary>
    public async Task RestoreAsync(string userId, IEnumerable<OrderItem> items)
    {
        // No caps: what was taken goes back whole, even beside units added since (the checkout then names the excess).
        foreach (var item in items)
        {
            await AddWithinAsync(userId, item.ProductId, item.Quantity, long.MaxValue / 2, long.MaxValue / 2);
        }
    }

    private async Task<long> AddWithinAsync(string userId, string productId, int units, long maxUnits, long maxLines) =>
        (long)await guard.RunAsync(_ => backends.Database.ScriptEvaluateAsync(AddScript, [Key(userId)], [productId, units, TtlMs, maxUnits, maxLines]));

    /// <summary>The cart's key: the braces are a hash tag, so one user's keys stay in one cluster slot.</summary>
    public static RedisKey Key(string userId) => $"cart:{{{userId}}}";

    private static IReadOnlyList<OrderItem> Items(RedisResult result)
    {
        var flat = (RedisValue[])result!;
        var items = new List<OrderItem>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            items.Add(new OrderItem(flat[i]!, (int)flat[i + 1]));
        }

        return [.. items.OrderBy(item => item.ProductId, StringComparer.Ordinal)];
    }
}
