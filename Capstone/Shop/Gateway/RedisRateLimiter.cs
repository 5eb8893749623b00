using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;
using Workbook.Contracts;
using Workbook.Shop.Resilience;
using Workbook.Shop.Telemetry;
using SlidingWindowRateLimiter = Workbook.Lessons.SlidingWindowRateLimiter;

namespace Workbook.Shop.Gateway;

/// <summary>
/// ASP.NET Core's rate-limiting middleware, deciding with lesson 06's <see cref="SlidingWindowRateLimiter"/> in Redis:
/// one atomic script per request, so the limit holds across every shop instance sharing the Redis.
/// Partition (<see cref="RatePartition"/>): the token's subject, else the client address grouped into a bounded number
/// of buckets; no header the client chooses makes a new one. Health, <c>/ping</c>, metrics and API-description endpoints are not limited.
/// If Redis fails (timeout, lost connection, open circuit: <see cref="RedisGuard"/>) the request is let through and
/// counted in <c>shop_rate_limit_fail_open_total</c>: an unavailable limiter must not take the shop down with it.
/// </summary>
internal sealed class RedisRateLimiter(Func<SlidingWindowRateLimiter> limiter, RatePartition partition, ILogger<RedisRateLimiter> logger, RedisGuard guard, ShopMetrics metrics) : PartitionedRateLimiter<HttpContext>
{
    private readonly Lazy<SlidingWindowRateLimiter> _limiter = new(limiter);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // The middleware tries the synchronous path first; a Redis decision is asynchronous, so always defer to AcquireAsyncCore.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        IsExempt(resource) ? Lease.Free : Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (IsExempt(resource))
        {
            return Lease.Free;
        }

        var limiter = _limiter.Value;
        RateLimitDecision decision;
        try
        {
            var key = partition.Of(resource);
            decision = await guard.RunAsync(_ => limiter.DecideAsync(key), cancellationToken);
        }
        catch (RedisException error) when (!cancellationToken.IsCancellationRequested)
        {
            // Fail open. Logged when Redis was tried, not for every request while the circuit is open.
            metrics.LimiterFailedOpen();
            if (error is not RedisUnavailableException { CircuitOpen: true })
            {
                GatewayLog.LimiterUnavailable(logger, error);
            }

            return Lease.Free;
        }

        var headers = resource.Response.Headers;
        headers["RateLimit-Limit"] = limiter.MaxRequests.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = Seconds(decision.ResetAfter).ToString(CultureInfo.InvariantCulture);
        return new Lease(decision.Allowed, decision.Allowed ? null : TimeSpan.FromSeconds(Seconds(decision.ResetAfter)));
    }

    private static bool IsExempt(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") ||
        context.Request.Path.StartsWithSegments("/ping") ||
        context.Request.Path.StartsWithSegments("/openapi") ||
        context.Request.Path.StartsWithSegments("/metrics") ||
        context.Request.Path.StartsWithSegments("/scalar");

    // Whole seconds, rounded up, at least 1: a client that waits Retry-After seconds finds a free slot.
    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Free = new(true, null);
        public static readonly Lease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}

internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter unavailable; letting the request through")]
    public static partial void LimiterUnavailable(ILogger logger, Exception error);
}
