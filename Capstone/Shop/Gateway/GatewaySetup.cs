using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Workbook.Shop.Hosting;
using Workbook.Shop.Resilience;
using Workbook.Shop.Telemetry;
using SlidingWindowRateLimiter = Workbook.Lessons.SlidingWindowRateLimiter;

namespace Workbook.Shop.Gateway;

/// <summary>Wires <see cref="RedisRateLimiter"/> into <c>AddRateLimiter</c>: 429 problem details with <c>Retry-After</c>.</summary>
internal static class GatewaySetup
{
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ShopOptions>>().Value;
            var backends = sp.GetRequiredService<ShopBackends>();
            return new RedisRateLimiter(
                () => new SlidingWindowRateLimiter(backends.Database, options.RateLimitPermits, options.RateLimitWindow),
                new RatePartition(options.RateLimitAnonymousBuckets),
                sp.GetRequiredService<ILogger<RedisRateLimiter>>(),
                sp.GetRequiredService<RedisGuard>(),
                sp.GetRequiredService<ShopMetrics>());
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RedisRateLimiter, IOptions<ShopOptions>>((options, limiter, shop) =>
        {
            options.GlobalLimiter = limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.Headers.RetryAfter = seconds;
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"The limit is {shop.Value.RateLimitPermits} requests per {shop.Value.RateLimitWindow}; retry after {seconds} s.",
                    },
                });
            };
        });
        return services;
    }
}
