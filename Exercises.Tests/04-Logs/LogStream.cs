using System.Collections.Concurrent;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson04;

/// <summary>Reads entries from a <see cref="LogConsumer"/>, with a deadline instead of a hang.</summary>
internal static class LogStream
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>The first <paramref name="count"/> entries ConsumeAsync yields; fails with what did arrive if they do not.</summary>
    public static async Task<IReadOnlyList<LogEntry>> TakeAsync(LogConsumer consumer, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var entries = new List<LogEntry>();
        try
        {
            await foreach (var entry in consumer.ConsumeAsync(deadline.Token))
            {
                entries.Add(entry);
                if (entries.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"LogConsumer.ConsumeAsync yielded {entries.Count} of the {count} entries on application.logs within {Deadline.TotalSeconds:0} s: " +
                $"[{string.Join(", ", entries)}]. A consumer in a new group should start from the earliest record (AutoOffsetReset.Earliest) " +
                "and keep polling until its token is cancelled.");
        }

        return entries;
    }

    /// <summary>Runs ConsumeAsync in the background until the run is stopped, each entry it yields into <paramref name="received"/>.</summary>
    public static BackgroundRun CollectInBackground(LogConsumer consumer, ConcurrentQueue<LogEntry> received, CancellationToken cancellationToken) =>
        BackgroundRun.Start(
            async ct =>
            {
                await foreach (var entry in consumer.ConsumeAsync(ct))
                {
                    received.Enqueue(entry);
                }
            },
            cancellationToken);
}
