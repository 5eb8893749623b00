using Workbook.Shop.Simulation;

namespace Workbook.Shop.Dashboard;

/// <summary>One best seller on the dashboard: its id, its catalog name and the units sold.</summary>
public sealed record TopProduct(string ProductId, string Name, long Units);

/// <summary>
/// What the dashboard shows at <see cref="At"/>. Revenue, orders, top products and active users come from the
/// analytics in Redis (every instance's orders); <see cref="OrdersPerSecond"/> is the change of <see cref="Orders"/>
/// since the previous snapshot; the cache hit rate is this instance's catalog; dead letters, outbox backlog and
/// consumer lag are the backlog monitor's latest sample (<see cref="BacklogSampledAt"/>, null before the first).
/// </summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    decimal Revenue,
    long Orders,
    double OrdersPerSecond,
    IReadOnlyList<TopProduct> TopProducts,
    int ActiveUsers,
    double CacheHitRate,
    long CacheLookups,
    long DeadLetters,
    long OutboxBacklog,
    long ConsumerLag,
    DateTimeOffset? BacklogSampledAt,
    SimulationStatus Simulation);
