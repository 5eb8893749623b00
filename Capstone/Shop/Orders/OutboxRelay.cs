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
/// Publishes outbox rows to Kafka in batches with lesson 07's <see cref="OrderProducer"/>: up to
/// <see cref="ShopOptions.OutboxBatchSize"/> pending rows in id order are all handed to the producer at once (in flight
/// together; the idempotent producer keeps their order per partition), the relay awaits every acknowledgement, and
/// stamps every acknowledged row in one <c>SaveChanges</c>. A row whose send failed stays unstamped and is retried with
/// a backoff, so an outage — even of one broker, in the middle of a batch — loses nothing. At least once: a crash
/// between an acknowledgement and the stamp publishes that order again, which the idempotent consumers absorb.
/// </summary>
internal sealed partial class OutboxRelay(ShopBackends backends, IServiceScopeFactory scopes, IOptions<ShopOptions> options, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

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
        List<OutboxMessage> pending;
        try
        {
            pending = await db.OutboxMessages.Where(m => m.PublishedAtUtc == null).OrderBy(m => m.Id)
                .Take(options.Value.OutboxBatchSize).ToListAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return default;
        }

        if (pending.Count == 0)
        {
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

        var now = time.GetUtcNow().UtcDateTime;
        var failed = 0;
        string? reason = null;
        for (var i = 0; i < pending.Count; i++)
        {
            if (sends[i].IsCompletedSuccessfully)
            {
                pending[i].PublishedAtUtc = now;
            }
            else
            {
                failed++;
                reason ??= sends[i].Exception?.InnerException?.Message ?? "no acknowledgement in time";
            }
        }

        // Not cancellable: what Kafka acknowledged is stamped even while the host stops (else it is published again).
        await db.SaveChangesAsync(CancellationToken.None);
        return new BatchResult(pending.Count - failed, failed, reason ?? string.Empty);
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
