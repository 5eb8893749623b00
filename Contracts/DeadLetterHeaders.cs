namespace Workbook.Contracts;

/// <summary>
/// Header names on a record in a dead-letter topic (e.g. <c>orders.dlq</c>): why it failed and where it came from.
/// Values are UTF-8 text. The record keeps the original key, value and headers, so it can be replayed as it was.
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>What went wrong, in words (e.g. the exception message).</summary>
    public const string Error = "dlq.error";

    /// <summary>The kind of failure: the exception's type name (e.g. <c>JsonException</c>).</summary>
    public const string ErrorType = "dlq.error.type";

    /// <summary>The topic the record was read from.</summary>
    public const string SourceTopic = "dlq.source.topic";

    /// <summary>Its partition there, as a decimal number.</summary>
    public const string SourcePartition = "dlq.source.partition";

    /// <summary>Its offset there, as a decimal number.</summary>
    public const string SourceOffset = "dlq.source.offset";

    /// <summary>The consumer group that gave up on it.</summary>
    public const string ConsumerGroup = "dlq.consumer.group";

    /// <summary>How many times processing was tried, as a decimal number (1 for a record that cannot be parsed).</summary>
    public const string Attempts = "dlq.attempts";
}
