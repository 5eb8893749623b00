using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workbook.Shop.Hosting;
using Workbook.Shop.Simulation;

namespace Workbook.Shop.Dashboard;

/// <summary>The live dashboard (<c>/</c>, <c>/dashboard/events</c>) and the shopper simulator (<c>/simulation</c>), role api/all.</summary>
public static class DashboardSetup
{
    /// <summary>Registers the dashboard feed and the simulator when the role serves the API.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, ShopRole role)
    {
        if (!role.ServesApi())
        {
            return services;
        }

        services.TryAddSingleton<IShopperHttp, ServerShopperHttp>();
        services.AddSingleton<ShopperSimulator>();
        services.AddHostedService<SimulatorLifetime>();
        services.AddSingleton<DashboardFeed>();
        return services;
    }

    /// <summary>
    /// Serves the page from <c>wwwroot</c> (<c>/</c> is <c>index.html</c>) and maps the event stream and the simulator.
    /// Call it (role api/all) before the rate limiter: neither the page nor its event stream counts against the gateway's limit.
    /// </summary>
    public static void UseDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/dashboard/events", Events)
            .DisableRateLimiting()
            .WithTags("Dashboard")
            .WithSummary("Server-sent events: a 'snapshot' every Shop:DashboardInterval (revenue, orders/s, top products, active users, cache hit rate, dead letters, backlog)");
        app.MapSimulation();
    }

    private static ServerSentEventsResult<DashboardSnapshot> Events(DashboardFeed feed, IHostApplicationLifetime lifetime, CancellationToken clientGone) =>
        TypedResults.ServerSentEvents(feed.StreamAsync(lifetime.ApplicationStopping, clientGone), "snapshot");
}
