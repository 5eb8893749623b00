namespace Workbook.Contracts;

/// <summary>
/// An entry taken off a queue could not be read as the queue's item type (lesson 03), e.g. someone pushed
/// text that is not JSON. The entry has already left the queue; <see cref="RawEntry"/> keeps it so nothing is silently lost.
/// </summary>
public sealed class MalformedQueueEntryException : Exception
{
    public MalformedQueueEntryException()
        : this("A queue entry could not be read.")
    {
    }

    public MalformedQueueEntryException(string message)
        : this(message, null)
    {
    }

    public MalformedQueueEntryException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Queue = string.Empty;
        RawEntry = string.Empty;
    }

    /// <param name="queue">The Redis key of the queue the entry was taken from.</param>
    /// <param name="rawEntry">The entry exactly as it was stored.</param>
    /// <param name="innerException">Why it could not be read, usually a <see cref="System.Text.Json.JsonException"/>.</param>
    public MalformedQueueEntryException(string queue, string rawEntry, Exception? innerException)
        : base($"Queue '{queue}' held an entry that is not a valid item; it was removed from the queue. Entry: {Preview(rawEntry)}", innerException)
    {
        Queue = queue;
        RawEntry = rawEntry;
    }

    /// <summary>The Redis key of the queue the entry was taken from.</summary>
    public string Queue { get; }

    /// <summary>The entry exactly as it was stored, so it can be inspected or pushed back.</summary>
    public string RawEntry { get; }

    private static string Preview(string raw) => raw.Length <= 200 ? raw : string.Concat(raw.AsSpan(0, 200), "…");
}
