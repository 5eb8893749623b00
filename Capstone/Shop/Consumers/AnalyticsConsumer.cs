using Workbook.Contracts;
using Workbook.Lessons;
using Workbook.Shop.Analytics;
using Order = Workbook.Contracts.Orders.Order;

namespace Workbook.Shop.Consumers;

/// <summary>
/// The <c>analytics-service</c> consumer group on lesson 07's <see cref="OrderConsumerLoop"/>: folds each order into
/// <see cref="AnalyticsStore"/> once (the store's script checks and sets a per-order marker with the update).
/// </summary>
public sealed class AnalyticsConsumer : IDisposable
{
    public const string GroupName = "analytics-service";

    private readonly AnalyticsStore _store;
    private readonly OrderConsumerLoop _loop;

    public AnalyticsConsumer(KafkaOptions options, AnalyticsStore store, int maxAttempts, ILogger<AnalyticsConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        _store = store;
        _loop = new OrderConsumerLoop(options, GroupName, ApplyAsync, maxAttempts, logger);
    }

    /// <summary>Applies orders until cancelled; then commits what it processed and leaves the group.</summary>
    public Task ProcessAsync(CancellationToken cancellationToken) => _loop.RunAsync(cancellationToken);

    public void Dispose() => _loop.Dispose();

    private Task ApplyAsync(Order order, CancellationToken cancellationToken) => _store.ApplyAsync(order, cancellationToken);
}
