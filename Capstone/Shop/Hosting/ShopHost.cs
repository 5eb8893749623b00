using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Workbook.Contracts;
using Workbook.Shop.Admin;
using Workbook.Shop.Analytics;
using Workbook.Shop.Api;
using Workbook.Shop.Auth;
using Workbook.Shop.Cart;
using Workbook.Shop.Catalog;
using Workbook.Shop.Consumers;
using Workbook.Shop.Dashboard;
using Workbook.Shop.Data;
using Workbook.Shop.Gateway;
using Workbook.Shop.Health;
using Workbook.Shop.Orders;
using Workbook.Shop.Resilience;
using Workbook.Shop.Telemetry;

namespace Workbook.Shop.Hosting;

/// <summary>How the shop's host is put together; <c>Program.cs</c> only calls these.</summary>
public static class ShopHost
{
    public static ShopRole AddShop(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var role = ShopRoles.Parse(builder.Configuration["role"]);
        var services = builder.Services;

        services.AddOptions<ShopOptions>()
            .Bind(builder.Configuration.GetSection(ShopOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // First hosted service: everything after it finds Redis and Kafka running.
        services.AddSingleton<ShopBackends>();
        services.AddHostedService<BackendStarter>();

        var postgres = builder.Configuration.GetConnectionString("Shop");
        services.AddDbContext<ShopDbContext>((sp, db) =>
        {
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                db.UseNpgsql(postgres);
            }
            else
            {
                db.UseSqlite($"Data Source={sp.GetRequiredService<IOptions<ShopOptions>>().Value.SqlitePath}").AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.Instance);
            }
        });
        services.AddHostedService<DemoCatalog>();
        services.AddHostedService<OutboxReplay>();

        services.ConfigureHttpJsonOptions(json => ShopJson.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        // Bad JSON throws in every environment (not only Development), so ExceptionProblems can name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddOpenApi(openApi => openApi.AddSchemaTransformer<StringSchemaTransformer>());
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<KafkaHealthCheck>("kafka", tags: ["ready"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        RedisGuard.AddRedisGuard(services);
        services.AddSingleton<ProductCatalog>();
        services.AddHostedService<CatalogInvalidationListener>();
        services.AddSingleton<CartStore>();
        services.AddShopAuth(builder.Configuration);
        services.AddClientAddresses(builder.Configuration);
        services.AddGateway();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OrderService>();
        services.TryAddSingleton<IEmailSender, LoggingEmailSender>();
        services.TryAddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddSingleton<AnalyticsStore>();
        services.AddSingleton<DeadLetterAdmin>();
        services.AddSingleton<BacklogMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<BacklogMonitor>());
        services.AddSingleton<ShopMetrics>();
        services.AddShopTelemetry();
        services.AddHostedService<KafkaTopics>();
        services.AddDashboard(role);
        if (role.RunsWorkers())
        {
            services.AddHostedService<OutboxRelay>();
            services.AddHostedService<EmailWorker>();
            services.AddHostedService<SmsWorker>();
            services.AddHostedService<InventoryWorker>();
            services.AddHostedService<LoyaltyWorker>();
            services.AddHostedService<AnalyticsWorker>();
        }

        return role;
    }

    public static void UseShop(this WebApplication app, ShopRole role)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseClientAddresses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapShopTelemetry();

        if (role.ServesApi())
        {
            app.UseDashboard();
            app.UseAuthentication(); // before the limiter: it counts a request against the token's subject
            app.UseRateLimiter();
            app.UseAuthorization();  // after it: requests refused 401/403 still count, so a token-less flood is limited too
            app.MapOpenApi();
            app.MapScalarApiReference();
            app.MapCatalog();
            app.MapCart();
            app.MapOrders();
            app.MapAnalytics();
            app.MapDeadLetterAdmin();
            app.MapBacklog();
            app.MapPing();
        }

        app.Lifetime.ApplicationStarted.Register(() => Announce(app, role));
    }

    private static void Announce(WebApplication app, ShopRole role)
    {
        var backends = app.Services.GetRequiredService<ShopBackends>();
        var urls = app.Urls.Count == 0 ? "(no server addresses: in-process test host)" : string.Join(", ", app.Urls);
        ShopLog.Started(app.Logger, role, urls, backends.Kafka.BootstrapServers, backends.RedisDescription, backends.KafkaDescription);
    }
}

internal static partial class ShopLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Shop ({Role}) listening on {Urls}; API reference at /scalar; Kafka bootstrap {Bootstrap}. {Redis}. {Kafka}")]
    public static partial void Started(ILogger logger, ShopRole role, string urls, string bootstrap, string redis, string kafka);
}
