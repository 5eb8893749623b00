namespace Workbook.Infrastructure.Testing;

/// <summary>
/// Waits for a signal that only some background work can give (a <see cref="TaskCompletionSource"/> its workers
/// complete, or <c>Task.WhenAll</c> over them), but ends the wait at once, with that work's own exception, when one of
/// its tasks fails first. A student's method that still throws NotImplementedException then fails the test naming
/// the method, instead of leaving the test to wait for a signal nothing will give until its timeout.
/// </summary>
public static class FailFast
{
    /// <summary>Waits for <paramref name="signal"/>; rethrows the first failure among <paramref name="watch"/> if one comes first.</summary>
    /// <param name="signal">What the test waits for.</param>
    /// <param name="watch">The background work that gives the signal.</param>
    /// <param name="cancellationToken">Stops waiting (the test was aborted or timed out).</param>
    /// <exception cref="InvalidOperationException">All of <paramref name="watch"/> ended without giving the signal.</exception>
    public static async Task WaitAsync(Task signal, IEnumerable<Task> watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(watch);
        var pending = watch.ToList();
        while (!signal.IsCompleted)
        {
            var first = await Task.WhenAny(pending.Append(signal)).WaitAsync(cancellationToken);
            if (first == signal)
            {
                break;
            }

            if (!first.IsCompletedSuccessfully)
            {
                // Rethrows the worker's own exception (e.g. "implement UserProfileCache.UpdateFieldAsync").
                await first;
            }

            pending.Remove(first);
            if (pending.Count == 0 && !signal.IsCompleted)
            {
                throw new InvalidOperationException("The background work the test waits on ended without giving the signal.");
            }
        }

        await signal;
    }

    /// <summary>Waits for <paramref name="signal"/>'s value; rethrows the first failure among <paramref name="watch"/> if one comes first.</summary>
    public static async Task<T> WaitAsync<T>(Task<T> signal, IEnumerable<Task> watch, CancellationToken cancellationToken = default)
    {
        await WaitAsync((Task)signal, watch, cancellationToken);
        return await signal;
    }

    /// <summary><c>Task.WhenAll</c> that fails as soon as one task fails, instead of waiting for the others too.</summary>
    public static Task<T[]> AllAsync<T>(IEnumerable<Task<T>> tasks, CancellationToken cancellationToken = default)
    {
        var all = tasks.ToList();
        return WaitAsync(Task.WhenAll(all), all, cancellationToken);
    }

    /// <inheritdoc cref="AllAsync{T}(IEnumerable{Task{T}}, CancellationToken)"/>
    public static Task AllAsync(IEnumerable<Task> tasks, CancellationToken cancellationToken = default)
    {
        var all = tasks.ToList();
        return WaitAsync(Task.WhenAll(all), all, cancellationToken);
    }
}
