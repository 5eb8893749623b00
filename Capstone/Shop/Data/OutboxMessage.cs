namespace Workbook.Shop.Data;

/// <summary>
/// An event written in the same transaction as the change it announces; the relay publishes it to Kafka and then
/// stamps <see cref="PublishedAtUtc"/>. Rows stay until Kafka has them, so an outage loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The logical topic (before the topic prefix), e.g. <c>orders</c>.</summary>
    public required string Topic { get; set; }

    public required string Key { get; set; }

    public required string Payload { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }
}
