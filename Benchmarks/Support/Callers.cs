namespace Workbook.Benchmarks.Support;

/// <summary>Runs operations the way a busy service does: a fixed number of callers, each awaiting one call at a time.</summary>
public static class Callers
{
    /// <summary>Starts <paramref name="callers"/> loops that together call <paramref name="operation"/> <paramref name="total"/> times.</summary>
    /// <param name="callers">How many callers run at once, e.g. 64 request handlers over one multiplexer.</param>
    /// <param name="total">How many operations in all; each caller gets its share.</param>
    /// <param name="operation">One operation; receives the caller's number and the operation's number.</param>
    public static Task RunAsync(int callers, int total, Func<int, int, Task> operation)
    {
        var loops = new Task[callers];
        for (var caller = 0; caller < callers; caller++)
        {
            var self = caller;
            loops[caller] = Task.Run(async () =>
            {
                for (var i = self; i < total; i += callers)
                {
                    await operation(self, i);
                }
            });
        }

        return Task.WhenAll(loops);
    }
}
