using Workbook.Shop.Api;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Simulation;

/// <summary><c>/simulation</c>: start (<c>POST {"shoppers": n}</c>), stop (<c>DELETE</c>) and watch (<c>GET</c>) the shopper simulator.</summary>
internal static class SimulationEndpoints
{
    public static void MapSimulation(this IEndpointRouteBuilder app)
    {
        var simulation = app.MapGroup("/simulation").WithTags("Simulation").RequireAuthorization(Auth.ShopAuth.AdminPolicy);
        simulation.MapGet("/", (ShopperSimulator simulator) => TypedResults.Ok(simulator.Status))
            .WithSummary("Whether simulated shoppers run, how many, and their requests, orders and failures");
        simulation.MapPost("/", async (SimulationRequest? request, ShopperSimulator simulator, Microsoft.Extensions.Options.IOptions<ShopOptions> options, CancellationToken ct) =>
            {
                var shoppers = request?.Shoppers ?? options.Value.SimulatedShoppers;
                if (shoppers is < 1 or > ShopperSimulator.MaxShoppers)
                {
                    return Problems.Invalid("shoppers", $"shoppers must be 1 to {ShopperSimulator.MaxShoppers}.");
                }

                try
                {
                    return Results.Ok(await simulator.StartAsync(shoppers, ct));
                }
                catch (InvalidOperationException error)
                {
                    return Problems.Unavailable(error.Message);
                }
            })
            .WithSummary("Start n virtual shoppers (replacing a running simulation); they browse, add to cart and check out through this API")
            .Produces<SimulationStatus>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        simulation.MapDelete("/", async (ShopperSimulator simulator, CancellationToken ct) => TypedResults.Ok(await simulator.StopAsync(ct)))
            .WithSummary("Stop the simulated shoppers; answers when none has a request in flight");
    }
}
