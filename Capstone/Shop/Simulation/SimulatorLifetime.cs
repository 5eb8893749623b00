using Microsoft.Extensions.Options;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Simulation;

/// <summary>
/// Starts the simulator once the server listens when <c>Shop:Simulate</c> is true (<c>--simulate</c>), and stops every
/// shopper as soon as the host begins to stop, before the server waits for the requests in flight.
/// </summary>
internal sealed partial class SimulatorLifetime(ShopperSimulator simulator, IOptions<ShopOptions> options, ILogger<SimulatorLifetime> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Simulate)
        {
            return;
        }

        try
        {
            await simulator.StartAsync(options.Value.SimulatedShoppers, cancellationToken);
        }
        catch (InvalidOperationException error)
        {
            CannotSimulate(logger, error.Message);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => simulator.StopAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "--simulate: the shopper simulator cannot start: {Reason}")]
    private static partial void CannotSimulate(ILogger logger, string reason);
}
