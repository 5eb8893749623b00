using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Lessons;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Orders;

/// <summary>
/// Publishes outbox rows to Kafka in batches with lesson 07's <see cref="OrderProducer"/>: the relay first claims up to
/// <see cref="ShopOptions.OutboxBatchSize"/> pending rows in id order in the database (one <c>UPDATE</c> that sets
/// <see cref="OutboxMessage.ClaimedBy"/> to this batch's own name, only on rows nobody holds or whose claim lapsed),
/// reads back what it got, hands them all to the producer at once (in flight together; the idempotent producer keeps
/// their order per partition), awaits every acknowledgement, and stamps the acknowledged rows that still carry its
/// claim. So several relays on one database (two instances, or api and workers) never publish the same row: each row
/// is claimed by one batch. A row whose send failed is released and retried with a backoff, so an outage — even of one
/// broker, in the middle of a batch — loses nothing. At least once: a crash between an acknowledgement and the stamp,
/// or a relay paused longer than <see cref="ClaimTime"/> while it publishes, publishes that order again, which the
/// idempotent consumers absorb.
/// </summary>
internal sealed partial class OutboxRelay(ShopBackends backends, IServiceScopeFactory scopes, IOptions<ShopOptions> options, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds; after it another relay may take the rows (their claimer died or hung).</summary>
    internal static readonly TimeSpan ClaimTime = TimeSpan.FromSeconds(30);

    private readonly string _relay = Guid.NewGuid().ToString("N")[..12];
    private long _batches;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var producer = new OrderProducer(backends.Kafka);
        var backoff = Idle;
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await PublishBatchAsync(producer, stoppingToken);
            if (batch.Failed == 0)
            {
                backoff = Idle;
                if (batch.Published > 0)
                {
                    continue;
                }
            }
            else if (!stoppingToken.IsCancellationRequested)
            {
                PublishFailed(logger, batch.Failed, batch.Published + batch.Failed, batch.Reason);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }

            await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<BatchResult> PublishBatchAsync(OrderProducer producer, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var claim = $"{_relay}/{++_batches}";
        var claimedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            if (await ClaimAsync(db, claim, claimedAt, stoppingToken) == 0)
            {
                return default;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return default;
        }

        // Not cancellable from here on: what this batch claimed is published and stamped, or released, even while the host stops.
        var pending = await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimedBy == claim && m.PublishedAtUtc == null)
            .OrderBy(m => m.Id).ToListAsync(CancellationToken.None);
        if (time.GetUtcNow().UtcDateTime - claimedAt > ClaimTime - PublishTimeout)
        {
            // Paused since the claim (GC, a stopped process): the claim may lapse while we publish, so another relay could
            // publish the same rows. Give them back instead.
            await SettleAsync(db, claim, [], CancellationToken.None);
            return default;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PublishTimeout);
        // Each call hands its record to the producer before it returns its task, so the records are queued in id order.
        var sends = pending.Select(message => Send(producer, message, timeout.Token)).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception error) when (error is KafkaException or OperationCanceledException or ArgumentException or JsonException)
        {
            // Inspected per send below: the acknowledged rows are stamped all the same.
        }

        var acknowledged = new List<long>(pending.Count);
        string? reason = null;
        for (var i = 0; i < pending.Count; i++)
        {
            if (sends[i].IsCompletedSuccessfully)
            {
                acknowledged.Add(pending[i].Id);
            }
            else
            {
                reason ??= sends[i].Exception?.InnerException?.Message ?? "no acknowledgement in time";
            }
        }

        // Not cancellable: what Kafka acknowledged is stamped even while the host stops (else it is published again).
        await SettleAsync(db, claim, acknowledged, CancellationToken.None);
        return new BatchResult(acknowledged.Count, pending.Count - acknowledged.Count, reason ?? string.Empty);
    }

    /// <summary>
    /// Claims up to a batch of pending rows nobody holds (or whose claim lapsed) for <paramref name="claim"/>; returns how
    /// many. One statement: SQLite runs it under its write lock; on PostgreSQL the outer condition is checked again on
    /// each row a concurrent claim has just updated, so that row is skipped rather than claimed twice.
    /// </summary>
    private async Task<int> ClaimAsync(ShopDbContext db, string claim, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + ClaimTime;
        var free = db.OutboxMessages.Where(m => m.PublishedAtUtc == null && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));
        var batch = free.OrderBy(m => m.Id).Take(options.Value.OutboxBatchSize).Select(m => m.Id);
        using (await SqliteWriteGate.Instance.HoldAsync(db, cancellationToken))
        {
            return await free.Where(m => batch.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        }
    }

    /// <summary>
    /// Stamps the <paramref name="published"/> rows that still carry <paramref name="claim"/> and releases the batch's
    /// other rows for the next try (by any relay).
    /// </summary>
    private async Task SettleAsync(ShopDbContext db, string claim, List<long> published, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = db.OutboxMessages.Where(m => m.ClaimedBy == claim && m.PublishedAtUtc == null);
        using (await SqliteWriteGate.Instance.HoldAsync(db, cancellationToken))
        {
            if (published.Count > 0)
            {
                await mine.Where(m => published.Contains(m.Id)).ExecuteUpdateAsync(set => set.SetProperty(m => m.PublishedAtUtc, now), cancellationToken);
            }

            await mine.ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
        }
    }

    private static Task Send(OrderProducer producer, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var order = JsonSerializer.Deserialize<Order>(message.Payload, WorkbookJson.Options)!;
            return producer.CreateOrderAsync(order, cancellationToken);
        }
        catch (JsonException error)
        {
            return Task.FromException(error);
        }
    }

    private readonly record struct BatchResult(int Published, int Failed, string Reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay: Kafka did not take {Failed} of {Count} orders ({Reason}); those rows stay and are retried")]
    private static partial void PublishFailed(ILogger logger, int failed, int count, string reason);
}
