using Microsoft.Extensions.Options;
using Workbook.Shop.Auth;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Simulation;

/// <summary>
/// Runs virtual shoppers (<see cref="VirtualShopper"/>) against the shop's own HTTP API, so the gateway, the catalog
/// cache, the order pipeline and the dashboard see real traffic. One run at a time: starting again replaces the run.
/// Shoppers stop with <see cref="StopAsync"/>, when the host stops, or when the simulator is disposed. Each shopper
/// carries a user token from the development issuer (the documented way to get one); with an external issuer
/// (<c>Shop:Auth:Authority</c>) the simulator cannot make tokens and does not start.
/// </summary>
public sealed partial class ShopperSimulator(
    IShopperHttp http,
    IOptions<ShopOptions> options,
    IOptions<ShopAuthOptions> auth,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ShopperSimulator> logger) : IAsyncDisposable
{
    /// <summary>The most shoppers one run may have.</summary>
    public const int MaxShoppers = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SimulationRun? _run;
    private SimulationStatus _last = SimulationStatus.Idle;

    /// <summary>The current run, or the last one (not running) when none runs.</summary>
    public SimulationStatus Status => Volatile.Read(ref _run)?.Status(running: true) ?? Volatile.Read(ref _last);

    /// <summary>Starts <paramref name="shoppers"/> shoppers, stopping the current run first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shoppers"/> is not 1 to <see cref="MaxShoppers"/>.</exception>
    /// <exception cref="InvalidOperationException">The shop has no address to call, is stopping, or uses an external token issuer.</exception>
    public async Task<SimulationStatus> StartAsync(int shoppers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shoppers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shoppers, MaxShoppers);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopRunAsync();
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                throw new InvalidOperationException("The shop is stopping.");
            }

            if (!auth.Value.UsesDevIssuer)
            {
                throw new InvalidOperationException("The simulator signs its shoppers' tokens with the development issuer, which is off while Shop:Auth:Authority is set.");
            }

            var issuer = services.GetRequiredService<DevTokenIssuer>();
            var tokenLifetime = auth.Value.DevTokenLifetime;
            var roleClaim = auth.Value.RoleClaim;
            var run = SimulationRun.Start(shoppers, http.CreateClient(), user => issuer.Issue(user, [], tokenLifetime, roleClaim), options.Value.SimulatedThinkTime, time, lifetime.ApplicationStopping);
            Volatile.Write(ref _run, run);
            Started(logger, shoppers, options.Value.SimulatedThinkTime);
            return run.Status(running: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the shoppers and waits until none has a request in flight; returns the run's final figures.</summary>
    public async Task<SimulationStatus> StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await StopRunAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRunAsync();
        _gate.Dispose();
    }

    private async Task<SimulationStatus> StopRunAsync()
    {
        if (Interlocked.Exchange(ref _run, null) is not { } run)
        {
            return Volatile.Read(ref _last);
        }

        await run.DisposeAsync();
        var last = run.Status(running: false);
        Volatile.Write(ref _last, last);
        Stopped(logger, last.Shoppers, last.Requests, last.Orders, last.Failures);
        return last;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopper simulator started: {Shoppers} shoppers, think time {ThinkTime} on average")]
    private static partial void Started(ILogger logger, int shoppers, TimeSpan thinkTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopper simulator stopped: {Shoppers} shoppers sent {Requests} requests, placed {Orders} orders, {Failures} failed")]
    private static partial void Stopped(ILogger logger, int shoppers, long requests, long orders, long failures);
}
