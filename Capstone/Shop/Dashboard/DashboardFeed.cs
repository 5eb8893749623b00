using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workbook.Shop.Analytics;
using Workbook.Shop.Catalog;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;
using Workbook.Shop.Simulation;
using Workbook.Shop.Telemetry;

namespace Workbook.Shop.Dashboard;

/// <summary>
/// Builds a <see cref="DashboardSnapshot"/> every <see cref="ShopOptions.DashboardInterval"/> for one dashboard
/// client, from <see cref="AnalyticsStore.ReadAsync"/>, <see cref="ProductCatalog.Stats"/>, <see cref="BacklogMonitor.Current"/>
/// and the simulator's status. Product names come from the database (not the catalog cache, whose hit rate the
/// dashboard reports and must not inflate).
/// </summary>
public sealed partial class DashboardFeed(
    AnalyticsStore analytics,
    ProductCatalog catalog,
    BacklogMonitor backlog,
    ShopperSimulator simulator,
    IServiceScopeFactory scopes,
    IOptions<ShopOptions> options,
    TimeProvider time,
    ILogger<DashboardFeed> logger)
{
    /// <summary>
    /// Snapshots until <paramref name="clientGone"/> or <paramref name="hostStopping"/> is cancelled; then the sequence
    /// ends (it does not throw), so the response completes cleanly. A tick whose figures cannot be read (Redis down) is
    /// skipped and logged.
    /// </summary>
    public async IAsyncEnumerable<DashboardSnapshot> StreamAsync(CancellationToken hostStopping, [EnumeratorCancellation] CancellationToken clientGone)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, clientGone);
        using var timer = new PeriodicTimer(options.Value.DashboardInterval, time);
        (long Orders, long Timestamp)? previous = null;
        do
        {
            var snapshot = await TryBuildAsync(previous, stop.Token);
            if (snapshot is not null)
            {
                previous = (snapshot.Orders, time.GetTimestamp());
                yield return snapshot;
            }
        }
        while (await NextTickAsync(timer, stop.Token));
    }

    private async Task<DashboardSnapshot?> TryBuildAsync((long Orders, long Timestamp)? previous, CancellationToken cancellationToken)
    {
        try
        {
            var view = await analytics.ReadAsync().WaitAsync(cancellationToken);
            var names = await NamesAsync([.. view.TopProducts.Select(p => p.ProductId)], cancellationToken);
            var perSecond = previous is { } last && time.GetElapsedTime(last.Timestamp) is { TotalSeconds: > 0 } elapsed
                ? Math.Max(0, view.Orders - last.Orders) / elapsed.TotalSeconds
                : 0;
            var cache = catalog.Stats;
            var sample = backlog.Current;
            return new DashboardSnapshot(
                time.GetUtcNow(),
                view.Revenue,
                view.Orders,
                Math.Round(perSecond, 2),
                [.. view.TopProducts.Select(p => new TopProduct(p.ProductId, names.GetValueOrDefault(p.ProductId, p.ProductId), p.Units))],
                view.ActiveUsers.Count,
                cache.HitRate,
                cache.LocalHits + cache.RedisHits + cache.Misses,
                sample.DeadLetters,
                sample.OutboxBacklog,
                sample.ConsumerLag.Sum(g => g.Lag),
                sample.SampledAt,
                simulator.Status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception error) when (error is RedisException or DbUpdateException or InvalidOperationException)
        {
            SnapshotFailed(logger, error.Message);
            return null;
        }
    }

    private async Task<Dictionary<string, string>> NamesAsync(string[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard snapshot skipped: {Reason}")]
    private static partial void SnapshotFailed(ILogger logger, string reason);
}
