namespace Workbook.Shop.Api;

/// <summary>
/// <c>GET /ping</c>: a tiny text answer that does no work of its own. It runs through the same pipeline as every API
/// endpoint (exception handler, body-size limit, the Redis rate-limiting gateway), so load tests use it as the
/// baseline: "ratio to a trivial endpoint of the same host".
/// </summary>
internal static class PingEndpoint
{
    public const string Answer = "pong";

    public static void MapPing(this IEndpointRouteBuilder app) =>
        app.MapGet("/ping", () => Results.Text(Answer))
            .WithTags("Diagnostics")
            .WithSummary("A trivial answer through the full pipeline (incl. the rate limiter): the load-test baseline")
            .Produces<string>(contentType: "text/plain");
}
