namespace Workbook.Shop.Simulation;

/// <summary>One start-to-stop run of the simulator: its shoppers' tasks, their cancellation and what they counted.</summary>
internal sealed class SimulationRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly HttpClient _client;
    private Task _shoppers = Task.CompletedTask;
    private long _requests;
    private long _orders;
    private long _failures;

    private readonly CancellationToken _hostStopping;

    private SimulationRun(int shoppers, HttpClient client, DateTimeOffset startedAt, CancellationToken hostStopping)
    {
        _hostStopping = hostStopping;
        Shoppers = shoppers;
        StartedAt = startedAt;
        _client = client;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
    }

    public int Shoppers { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Starts <paramref name="shoppers"/> virtual shoppers named <c>sim-{run}-{n}</c>; they stop when the host stops.</summary>
    public static SimulationRun Start(int shoppers, HttpClient client, Func<string, string> tokenFor, TimeSpan thinkTime, TimeProvider time, CancellationToken hostStopping)
    {
        var run = new SimulationRun(shoppers, client, time.GetUtcNow(), hostStopping);
        var name = Guid.NewGuid().ToString("N")[..6];
        var tasks = Enumerable.Range(1, shoppers)
            .Select(n => $"sim-{name}-{n}")
            .Select(user => new VirtualShopper(user, tokenFor(user), client, run, thinkTime, time, new Random(Random.Shared.Next())))
            .Select(shopper => Task.Run(() => shopper.RunAsync(run._stop.Token, run._hostStopping)))
            .ToArray();
        run._shoppers = Task.WhenAll(tasks);
        return run;
    }

    public SimulationStatus Status(bool running) => new(running, Shoppers, Interlocked.Read(ref _requests), Interlocked.Read(ref _orders), Interlocked.Read(ref _failures), StartedAt);

    public void Request(bool succeeded)
    {
        Interlocked.Increment(ref _requests);
        if (!succeeded)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public void OrderPlaced() => Interlocked.Increment(ref _orders);

    /// <summary>Stops every shopper and waits until none has a request in flight (requests are finished, not cut).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _shoppers;
        _stop.Dispose();
        _client.Dispose();
    }
}
