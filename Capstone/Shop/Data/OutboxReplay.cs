using Microsoft.EntityFrameworkCore;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Data;

/// <summary>
/// Rebuilds the topics of a Kafka mock the shop started empty (the embedded default) from the database: every outbox
/// row is marked unpublished again, and the relay publishes the whole order history anew. The consumers' markers
/// (persisted with the embedded Redis) make each consumer skip what it already applied and apply what the last run
/// published but had not consumed yet when it stopped; an order a consumer gave up on is tried again and, if it still
/// fails, dead-lettered again, so the dead letters come back too. Runs before the relay starts.
/// </summary>
internal sealed partial class OutboxReplay(ShopBackends backends, IServiceScopeFactory scopes, ILogger<OutboxReplay> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!backends.KafkaStartedEmpty)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        int replayed;
        using (await SqliteWriteGate.Instance.HoldAsync(db, cancellationToken))
        {
            replayed = await db.OutboxMessages.Where(m => m.PublishedAtUtc != null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.PublishedAtUtc, (DateTime?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
        }

        if (replayed > 0)
        {
            Replaying(logger, replayed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka is the in-process mock, started empty: {Count} orders from the database are published again (consumers skip what they already applied)")]
    private static partial void Replaying(ILogger logger, int count);
}
