using Workbook.Shop.Api;

namespace Workbook.Shop.Admin;

/// <summary><c>/admin/dlq</c>: list the dead letters of <c>orders.dlq</c> and replay one to <c>orders</c>.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/dlq").WithTags("Admin").RequireAuthorization(Auth.ShopAuth.AdminPolicy);
        admin.MapGet("/", async (DeadLetterAdmin dlq, CancellationToken ct) => Results.Ok(await dlq.ListAsync(ct)))
            .WithSummary("Every record in orders.dlq (id = partition:offset), with its headers and order id")
            .Produces<IReadOnlyList<DeadLetterView>>();
        admin.MapPost("/{id}/replay", async (string id, DeadLetterAdmin dlq, CancellationToken ct) =>
                await dlq.ReplayAsync(id, ct) is { } replayed
                    ? Results.Ok(replayed)
                    : Problems.NotFound($"There is no dead letter '{id}' (ids are partition:offset, as GET /admin/dlq lists them)."))
            .WithSummary("Publish a dead letter to orders again; the group that gave up on it processes it, the others skip it")
            .Produces<ReplayResult>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
