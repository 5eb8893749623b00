using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 09 — a stream processor: consume <c>sales</c>, keep each product's total revenue in Redis and emit the new
/// total to <c>revenue</c> after every sale.
/// Task: money is exact (decimal), and killed and restarted anywhere the processor loses and double-counts nothing.
/// Read docs/lessons/09-revenue-analytics.md first.
/// </summary>
public sealed class RevenueAnalytics : IDisposable
{
    /// <summary>The topic sales are read from.</summary>
    public const string InputTopic = "sales";

    /// <summary>The topic revenue updates are written to, keyed by product id.</summary>
    public const string OutputTopic = "revenue";

    /// <summary>The consumer group.</summary>
    public const string GroupName = "revenue-analytics";

    /// <summary>Where malformed sales go, unchanged, with the <see cref="DeadLetterHeaders"/> that say why and where from.</summary>
    public const string DeadLetterTopic = "sales.dlq";

    private readonly KafkaOptions _options;
    private readonly IDatabase _redis;
    private readonly TimeSpan _flushTimeout;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="redis">Where the totals and the applied offsets live.</param>
    /// <param name="flushTimeout">
    /// How long a commit waits for the revenue updates to be delivered (<c>Flush</c>) before it gives up and commits
    /// nothing; 30 s when null. Positive.
    /// </param>
    public RevenueAnalytics(KafkaOptions options, IDatabase redis, TimeSpan? flushTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(redis);
        if (flushTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(flushTimeout));
        }

        _options = options;
        _redis = redis;
        _flushTimeout = flushTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// Consumes sales until <paramref name="cancellationToken"/> is cancelled (then commits what was processed, leaves
    /// the group and throws <see cref="OperationCanceledException"/>) or the object is disposed (then it stops at once,
    /// as a crash would: nothing more is committed, and it throws <see cref="ObjectDisposedException"/>).
    /// A sale's offset is committed only once its total is stored and its revenue update delivered: an update still
    /// queued when a flush gives up is not delivered. A commit refused because the group is rebalancing
    /// (<c>RebalanceInProgress</c>, <c>IllegalGeneration</c>, <c>UnknownMemberId</c>) does not end it: whoever owns the
    /// partitions next reads those sales again and skips them.
    /// </summary>
    public Task ProcessAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("Lesson 09: implement RevenueAnalytics.ProcessAsync — as the revenue-analytics group, add each sale to its product's exact total and emit the new total to revenue, dead-lettering malformed sales; killed and restarted anywhere, lose and double-count nothing. Read docs/lessons/09-revenue-analytics.md; stuck? workbook hint 09");

    /// <summary>The product's total revenue; 0 when it has none.</summary>
    /// <param name="productId">The product; not empty.</param>
    public Task<decimal> GetTotalRevenueAsync(string productId) =>
        throw new NotImplementedException("Lesson 09: implement RevenueAnalytics.GetTotalRevenueAsync — return the product's exact total revenue; 0 when it has none. Read docs/lessons/09-revenue-analytics.md; stuck? workbook hint 09");

    /// <summary>Every product's total revenue.</summary>
    public Task<IReadOnlyDictionary<string, decimal>> GetAllTotalsAsync() =>
        throw new NotImplementedException("Lesson 09: implement RevenueAnalytics.GetAllTotalsAsync — return every product's exact total revenue. Read docs/lessons/09-revenue-analytics.md; stuck? workbook hint 09");

    /// <summary>Stops a running <see cref="ProcessAsync"/> abruptly, like a killed process: no commit, no goodbye to the group.</summary>
    public void Dispose()
    {
        // Lesson 09: signal a running ProcessAsync to stop without committing or closing its consumer.
    }
}
