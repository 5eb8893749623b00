using System.Data.Common;
using Confluent.Kafka;
using Workbook.Shop.Api;

namespace Workbook.Shop.Telemetry;

/// <summary><c>GET /admin/backlog</c>: a fresh sample of the outbox backlog, consumer lag per group and dead letters.</summary>
internal static class BacklogEndpoints
{
    public static void MapBacklog(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/backlog", async (BacklogMonitor backlog, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await backlog.SampleAsync(ct));
                }
                catch (Exception error) when (error is KafkaException or InvalidOperationException)
                {
                    return Problems.Unavailable($"Kafka did not answer: {error.Message}");
                }
                catch (DbException error)
                {
                    return Problems.Unavailable($"The database did not answer: {error.Message}");
                }
            })
            .RequireAuthorization(Auth.ShopAuth.AdminPolicy)
            .WithTags("Admin")
            .WithSummary("Outbox rows not yet published, each consumer group's lag on orders, and the dead-letter count; drained = all zero")
            .Produces<BacklogSnapshot>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
