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

    /// <summary>The relay batch that claimed the row (<c>relay-id/batch</c>); only it may publish and stamp the row.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses: after it, another relay may claim the row (its claimer stopped or hung).</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
}
