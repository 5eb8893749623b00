using Microsoft.Extensions.Time.Testing;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// A fake clock that moves forward one wait at a time: it counts the timers the code under test creates
/// (<c>Task.Delay(delay, timeProvider, ct)</c> creates one), and moves only after the code has started a new wait.
/// So a test runs a retry loop through minutes of client time in a moment, with no real sleeps and no race
/// between "the code starts waiting" and "the test moves the clock".
/// </summary>
internal sealed class SteppingClock : FakeTimeProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _waits = new();
    private int _timers;
    private int _timersBeforeLastStep;

    /// <summary>How much clock time has passed since the clock was made.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <summary>The due time of every wait the code under test started, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Count the timer only once it is registered: a step taken in between would move the clock past a timer
        // that does not exist yet, and the timer would then wait a whole step more than the test believes.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Enqueue(dueTime);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    /// <summary>Returns once <paramref name="work"/> has started a wait on this clock since the last step, or has finished.</summary>
    public Task WaitUntilWaitingAsync(Task work, CancellationToken cancellationToken)
    {
        var seen = _timersBeforeLastStep;
        return Eventually.UntilAsync(
            "the code under test to wait on the clock (Task.Delay with the TimeProvider it was given) or finish",
            () => Task.FromResult(Volatile.Read(ref _timers)),
            created => created > seen || work.IsCompleted,
            TimeSpan.FromSeconds(10),
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Moves the clock <paramref name="step"/> at a time, each time the code has started a new wait, until
    /// <paramref name="work"/> finishes or <paramref name="limit"/> of clock time has passed.
    /// </summary>
    /// <returns>The clock time that had passed when <paramref name="work"/> finished; null when it did not finish in time.</returns>
    public Task<TimeSpan?> RunUntilCompletedAsync(Task work, TimeSpan step, TimeSpan limit, CancellationToken cancellationToken) =>
        RunAsync(work, () => step, limit, cancellationToken);

    /// <summary>
    /// Like <see cref="RunUntilCompletedAsync"/>, but each step moves the clock by exactly the wait the code just started,
    /// so the clock time that passed is the sum of the code's own pauses.
    /// </summary>
    public Task<TimeSpan?> RunWaitByWaitAsync(Task work, TimeSpan limit, CancellationToken cancellationToken) =>
        RunAsync(work, () => _waits.Last(), limit, cancellationToken);

    private async Task<TimeSpan?> RunAsync(Task work, Func<TimeSpan> nextStep, TimeSpan limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WaitUntilWaitingAsync(work, cancellationToken);
            if (work.IsCompleted)
            {
                return Elapsed;
            }

            if (Elapsed >= limit)
            {
                return null;
            }

            _timersBeforeLastStep = Volatile.Read(ref _timers);
            Advance(nextStep());
        }
    }
}
