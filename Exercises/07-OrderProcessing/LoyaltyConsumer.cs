using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — the <c>loyalty-service</c> consumer group: 10 points per currency unit of an order's total
/// (<c>floor(total * 10)</c> in decimal), credited to the user once per order.
/// Task: the credit and the order's "applied" marker must change in one atomic step; commit only after processing;
/// dead-letter records that cannot be processed. Read docs/lessons/07-order-processing.md first.
/// </summary>
public sealed class LoyaltyConsumer : IDisposable
{
    /// <summary>The consumer group (before <see cref="KafkaOptions.GroupId"/> adds its prefix).</summary>
    public const string GroupName = "loyalty-service";

    private readonly KafkaOptions _options;
    private readonly IDatabase _redis;
    private readonly ILogger<LoyaltyConsumer>? _logger;

    /// <param name="options">Where Kafka is.</param>
    /// <param name="redis">Where points and applied orders live.</param>
    /// <param name="logger">Receives retries and dead letters; optional.</param>
    public LoyaltyConsumer(KafkaOptions options, IDatabase redis, ILogger<LoyaltyConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        options.Validate();
        _options = options;
        _redis = redis;
        _logger = logger;
    }

    /// <summary>Credits points until cancelled; then commits what it processed and leaves the group.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    public Task ProcessAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("Lesson 07: implement LoyaltyConsumer.ProcessAsync — as the loyalty-service group, credit floor(total * 10) points to the order's user exactly once (the points and the order's applied marker change as one step), commit only after processing, and dead-letter what cannot be processed; when cancelled, commit and leave the group. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>The user's points; 0 for a user who never ordered.</summary>
    /// <param name="userId">The user; not empty.</param>
    public Task<long> GetPointsAsync(string userId) =>
        throw new NotImplementedException("Lesson 07: implement LoyaltyConsumer.GetPointsAsync — return the user's points; 0 for a user who never ordered. Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, without committing (cancel it for a graceful stop).</summary>
    public void Dispose()
    {
    }
}
