namespace Workbook.Infrastructure.Testing;

/// <summary>
/// A long-running loop (a consumer's <c>ProcessAsync</c>) started in the background and stopped on dispose:
/// cancellation is a normal end, any other failure is rethrown by <see cref="StopAsync"/>.
/// Pass <see cref="Task"/> to <see cref="Eventually"/>'s <c>watch</c> so a crashed loop ends the wait at once.
/// </summary>
public sealed class BackgroundRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    private BackgroundRun(Func<CancellationToken, Task> loop, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task = System.Threading.Tasks.Task.Run(() => loop(_stop.Token), CancellationToken.None);
    }

    /// <summary>The running loop.</summary>
    public Task Task { get; }

    public static BackgroundRun Start(Func<CancellationToken, Task> loop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return new BackgroundRun(loop, cancellationToken);
    }

    /// <summary>Cancels the loop and waits for it; rethrows anything but cancellation.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task;
        }
        catch (OperationCanceledException)
        {
            // The normal way for a loop to end.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
