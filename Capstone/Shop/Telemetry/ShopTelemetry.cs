using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Workbook.Shop.Telemetry;

/// <summary>
/// OpenTelemetry metrics for every role, exported in the Prometheus text format at <see cref="ScrapePath"/>: ASP.NET Core's
/// own meters (request rate and latency as <c>http.server.request.duration</c>), the .NET runtime's <c>System.Runtime</c>
/// meter and the shop's <see cref="ShopMetrics"/>.
/// </summary>
internal static class ShopTelemetry
{
    /// <summary>Where Prometheus scrapes; not rate limited.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>The OpenTelemetry <c>service.name</c> (Prometheus shows it on <c>target_info</c>).</summary>
    public const string ServiceName = "workbook-shop";

    /// <summary>The .NET runtime's built-in meter (GC, memory, thread pool, exceptions).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static IServiceCollection AddShopTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(RuntimeMeterName)
                .AddMeter(ShopMetrics.MeterName)

                // Every scrape collects afresh: the observable instruments read values the shop keeps anyway.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            // ShopMetrics' observable instruments exist only once it is built; building the meter provider builds it.
            provider.GetRequiredService<ShopMetrics>();
            builder.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>()));
        });
        return services;
    }

    public static IEndpointConventionBuilder MapShopTelemetry(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(ScrapePath);

    // A MeterProvider listens to meters by name across the whole process. Meters made by another host's IMeterFactory
    // (several hosts in one process: tests, or hosts embedded side by side) are that host's business, not this one's.
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;
}
