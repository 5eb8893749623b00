using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Lessons;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Orders;

/// <summary>
/// Publishes outbox rows to Kafka in id order with lesson 07's <see cref="OrderProducer"/>, stamping each row only after
/// the brokers acknowledged it. While Kafka is down the rows stay and the relay retries with a backoff. At least once:
/// a crash between the acknowledgement and the stamp publishes that order again, which the idempotent consumers absorb.
/// </summary>
internal sealed partial class OutboxRelay(ShopBackends backends, IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
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
            try
            {
                var published = await PublishBatchAsync(producer, stoppingToken);
                backoff = Idle;
                if (published > 0)
                {
                    continue;
                }
            }
            catch (Exception error) when (error is KafkaException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                PublishFailed(logger, error.Message);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }

            await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<int> PublishBatchAsync(OrderProducer producer, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var pending = await db.OutboxMessages.Where(m => m.PublishedAtUtc == null).OrderBy(m => m.Id).Take(100).ToListAsync(stoppingToken);
        foreach (var message in pending)
        {
            var order = JsonSerializer.Deserialize<Order>(message.Payload, WorkbookJson.Options)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(PublishTimeout);
            await producer.CreateOrderAsync(order, timeout.Token);
            message.PublishedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(stoppingToken);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay: Kafka did not take the next order ({Reason}); the row stays and is retried")]
    private static partial void PublishFailed(ILogger logger, string reason);
}
