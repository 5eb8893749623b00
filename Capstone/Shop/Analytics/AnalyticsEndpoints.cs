namespace Workbook.Shop.Analytics;

/// <summary><c>GET /analytics</c>: the live figures the analytics consumer keeps in Redis.</summary>
internal static class AnalyticsEndpoints
{
    public static void MapAnalytics(this IEndpointRouteBuilder app) =>
        app.MapGet("/analytics", async (AnalyticsStore store) => Results.Ok(await store.ReadAsync()))
            .WithTags("Analytics")
            .WithSummary("Revenue (total and per product), top-selling products by units, users active in the last 5 minutes")
            .Produces<AnalyticsView>();
}
