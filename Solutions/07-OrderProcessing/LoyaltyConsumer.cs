using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;
using Order = Workbook.Contracts.Orders.Order; // StackExchange.Redis has an Order enum too

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>loyalty-service</c> consumer group: 10 points per currency unit of an order's total
/// (<c>floor(total * 10)</c>, computed in <see cref="decimal"/>), credited to the user once per order.
/// The credit and the "applied" marker change in one Lua script.
/// </summary>
public sealed class LoyaltyConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "loyalty-service";

    // KEYS[1] the order's applied marker, KEYS[2] the user's points; ARGV[1] the points to add.
    // INCRBY is the only change before the marker: if it fails (not an integer), nothing was written.
    private const string ApplyScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('INCRBY', KEYS[2], ARGV[1])
        redis.call('SET', KEYS[1], '1')
        return 1
        """;

    private readonly IDatabase _redis;
    private readonly OrderConsumerLoop _loop;

    /// <param name="options">Where Kafka is.</param>
    /// <param name="redis">Where points and applied orders live.</param>
    /// <param name="logger">Receives retries and dead letters; optional.</param>
    public LoyaltyConsumer(KafkaOptions options, IDatabase redis, ILogger<LoyaltyConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        options.Validate();
        _redis = redis;
        _loop = new OrderConsumerLoop(options, GroupName, ApplyAsync, maxAttempts: 3, logger);
    }

    /// <summary>Credits points until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) => _loop.RunAsync(cancellationToken);

    /// <summary>The user's points; 0 for a user who never ordered.</summary>
    /// <param name="userId">The user; not empty.</param>
    public async Task<long> GetPointsAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var points = await _redis.StringGetAsync(PointsKey(userId));
        return points.IsNull ? 0 : (long)points;
    }

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose() => _loop.Dispose();

    /// <summary>10 points per currency unit, rounded down: 99.99 gives 999.</summary>
    internal static long PointsFor(decimal total) => (long)decimal.Floor(total * 10);

    private async Task ApplyAsync(Order order, CancellationToken cancellationToken) =>
        await _redis.ScriptEvaluateAsync(
            ApplyScript,
            [AppliedKey(order.OrderId), PointsKey(order.UserId)],
            [PointsFor(order.Total)]);

    // Both keys share the {loyalty} hash tag, so the script is valid on Redis Cluster.
    private static RedisKey PointsKey(string userId) => $"{{loyalty}}:points:{userId}";

    private static RedisKey AppliedKey(string orderId) => $"{{loyalty}}:applied:{orderId}";
}
