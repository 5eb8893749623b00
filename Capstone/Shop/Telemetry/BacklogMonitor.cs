using System.Data.Common;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbook.Lessons;
using Workbook.Shop.Admin;
using Workbook.Shop.Consumers;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Telemetry;

/// <summary>
/// Samples the shop's backlog every <see cref="ShopOptions.BacklogSampleInterval"/>: the outbox rows not yet published,
/// each order consumer group's lag on <c>orders</c> (lesson 12's <see cref="ConsumerLagMonitor"/>) and the size of
/// <c>orders.dlq</c>. Metrics and the dashboard read <see cref="Current"/>; <see cref="SampleAsync"/> takes a fresh sample.
/// When Kafka does not answer, the outbox count is still refreshed and the Kafka figures keep their last value.
/// A failed sample is logged and retried on the next tick; it never stops the host.
/// </summary>
public sealed partial class BacklogMonitor(
    ShopBackends backends,
    IServiceScopeFactory scopes,
    DeadLetterAdmin deadLetters,
    IOptions<ShopOptions> options,
    TimeProvider time,
    ILogger<BacklogMonitor> logger) : BackgroundService
{
    /// <summary>The consumer groups that read <c>orders</c>.</summary>
    public static readonly IReadOnlyList<string> Groups =
    [
        EmailConsumer.GroupName,
        SmsConsumer.GroupName,
        InventoryConsumer.GroupName,
        LoyaltyConsumer.GroupName,
        AnalyticsConsumer.GroupName,
    ];

    private readonly SemaphoreSlim _kafkaSampling = new(1, 1);
    private readonly Lock _update = new();
    private readonly SharedKafkaClient<ConsumerLagMonitor> _lag = new(() => new ConsumerLagMonitor(backends.Kafka));
    private BacklogSnapshot _current = BacklogSnapshot.Empty;

    /// <summary>The latest successful sample (<see cref="BacklogSnapshot.Empty"/> before the first).</summary>
    public BacklogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Takes a sample now, stores it as <see cref="Current"/> and returns it. The outbox is counted before Kafka is
    /// asked, so a sample that says drained has seen every published order in the lag.
    /// </summary>
    /// <exception cref="KafkaException">Kafka did not answer.</exception>
    /// <exception cref="InvalidOperationException">The orders topic does not exist yet.</exception>
    public async Task<BacklogSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var outbox = await SampleOutboxAsync(cancellationToken);
        var kafka = await SampleKafkaAsync(cancellationToken);
        return kafka with { OutboxBacklog = outbox.OutboxBacklog };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Two loops: while Kafka is down each Kafka sample waits for its timeouts, and the outbox (which grows exactly
        // then) must still be counted every interval.
        await Task.WhenAll(
            EveryIntervalAsync(SampleOutboxAsync, stoppingToken),
            EveryIntervalAsync(SampleKafkaAsync, stoppingToken));
    }

    private async Task<BacklogSnapshot> SampleOutboxAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var outbox = await db.OutboxMessages.LongCountAsync(m => m.PublishedAtUtc == null, cancellationToken);
        return Update(current => current with { OutboxBacklog = outbox });
    }

    private async Task<BacklogSnapshot> SampleKafkaAsync(CancellationToken cancellationToken)
    {
        await _kafkaSampling.WaitAsync(cancellationToken);
        try
        {
            var lag = await _lag.UseAsync(async monitor =>
            {
                var groups = new List<GroupLag>(Groups.Count);
                foreach (var group in Groups)
                {
                    groups.Add(new GroupLag(group, await monitor.GetTotalLagAsync(group, OrderProducer.TopicName, cancellationToken)));
                }

                return groups;
            });

            var dead = await deadLetters.CountAsync(cancellationToken);
            var at = time.GetUtcNow();
            return Update(current => current with { SampledAt = at, ConsumerLag = lag, DeadLetters = dead });
        }
        finally
        {
            _kafkaSampling.Release();
        }
    }

    private BacklogSnapshot Update(Func<BacklogSnapshot, BacklogSnapshot> change)
    {
        lock (_update)
        {
            var next = change(_current);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    private async Task EveryIntervalAsync(Func<CancellationToken, Task<BacklogSnapshot>> sample, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BacklogSampleInterval, time);
        do
        {
            try
            {
                await sample(stoppingToken);
            }
            catch (Exception error) when (error is KafkaException or InvalidOperationException or DbException)
            {
                SampleFailed(logger, error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    // Registered as a singleton and as a hosted service, so the container disposes it twice (SharedKafkaClient is
    // idempotent). The semaphore is not disposed: a sample still running past the host's shutdown timeout releases it.
    public override void Dispose()
    {
        _lag.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Backlog sample failed ({Reason}); keeping the previous one")]
    private static partial void SampleFailed(ILogger logger, string reason);
}
