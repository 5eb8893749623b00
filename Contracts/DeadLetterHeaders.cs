namespace Workbook.Contracts;

/// <summary>
/// Header names on a record in a dead-letter topic (e.g. <c>orders.dlq</c>): why it failed and where it came from.
/// Values are UTF-8 text. The record keeps the original key, value and headers, so it can be replayed as it was
/// (unless <see cref="ValueDropped"/> says its value was too large to keep).
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

    /// <summary>
    /// Set only on a dead letter written without the original value, because with it the record would exceed the
    /// producer's <c>message.max.bytes</c>: the value's size in bytes, as a decimal number. The dlq.source.* headers
    /// still say where the original is.
    /// </summary>
    public const string ValueDropped = "dlq.value.dropped";
}
