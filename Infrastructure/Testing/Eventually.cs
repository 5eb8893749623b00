namespace Workbook.Infrastructure.Testing;

/// <summary>
/// Waits for a condition instead of sleeping a fixed time: polls until it holds or a deadline passes,
/// then fails with what was expected and what was last seen.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest any wait may last in the current context, or null for no cap. The lesson tests set it to a part of
    /// each test's own bound, so a wait that cannot succeed says what it waited for and what it saw before the
    /// test's timeout fires with nothing but its name.
    /// </summary>
    public static Func<TimeSpan?> Cap { get; set; } = () => null;

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> accepts its value; returns that value.</summary>
    /// <param name="what">What the test waits for, in words, for the timeout message.</param>
    /// <param name="probe">Reads the current state.</param>
    /// <param name="done">Whether the state is the expected one.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null; never more than <see cref="Cap"/>.</param>
    /// <param name="watch">Background work whose failure should end the wait at once (e.g. a consumer loop).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<T> UntilAsync<T>(
        string what,
        Func<Task<T>> probe,
        Func<T, bool> done,
        TimeSpan? timeout = null,
        IEnumerable<Task>? watch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        if (Cap() is { } cap && cap < limit)
        {
            limit = cap;
        }
        var deadline = DateTime.UtcNow + limit;
        var watched = watch?.ToArray() ?? [];
        var delay = TimeSpan.FromMilliseconds(10);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            var failed = watched.FirstOrDefault(t => t.IsFaulted);
            if (failed is not null)
            {
                var error = failed.Exception?.GetBaseException();
                throw new TimeoutException($"Stopped waiting for {what}: background work failed first ({error?.GetType().Name}: {error?.Message}). Last seen: {Describe(last)}.", error);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}. Last seen: {Describe(last)}.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(20)) + "]",
        _ => value.ToString() ?? "nothing",
    };
}
