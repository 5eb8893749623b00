namespace Workbook.Shop.Api;

/// <summary>
/// <c>GET /ping</c>: a tiny text answer that does no work of its own and touches no backend. It passes Kestrel and the
/// shop's middleware but is exempt from the Redis rate-limiting gateway (like <c>/health</c>), so load tests use it as
/// the baseline "a trivial endpoint of the same host": an endpoint's ratio to it is what the gateway and its own work
/// cost on top of the bare host.
/// </summary>
internal static class PingEndpoint
{
    public const string Answer = "pong";

    public static void MapPing(this IEndpointRouteBuilder app) =>
        app.MapGet("/ping", () => Results.Text(Answer))
            .WithTags("Diagnostics")
            .WithSummary("A trivial answer, not rate limited and touching no backend: the load-test baseline")
            .Produces<string>(contentType: "text/plain");
}
