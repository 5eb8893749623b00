using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;
using Workbook.Shop.Resilience;

namespace Workbook.Shop.Health;

/// <summary>Redis answers a PING, through <see cref="RedisGuard"/>: unhealthy within one call timeout, at once while the circuit is open.</summary>
internal sealed class RedisHealthCheck(ShopBackends backends, RedisGuard guard) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await guard.ReadAsync(_ => backends.Database.PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy($"PING in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (RedisUnavailableException unavailable)
        {
            return HealthCheckResult.Unhealthy(unavailable.Message);
        }
    }
}

/// <summary>A Kafka broker returns cluster metadata.</summary>
internal sealed class KafkaHealthCheck(ShopBackends backends) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // GetMetadata blocks a thread; keep it off the request's.
        var brokers = await Task.Run(
            () =>
            {
                using var admin = new AdminClientBuilder(backends.Kafka.ApplyTo(new AdminClientConfig())).Build();
                return admin.GetMetadata(TimeSpan.FromSeconds(3)).Brokers.Count;
            },
            cancellationToken);
        return brokers > 0 ? HealthCheckResult.Healthy($"{brokers} broker(s)") : HealthCheckResult.Unhealthy("no brokers in the metadata");
    }
}

/// <summary>The database accepts a connection.</summary>
internal sealed class DatabaseHealthCheck(ShopDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(db.Database.ProviderName)
            : HealthCheckResult.Unhealthy("cannot connect");
}
