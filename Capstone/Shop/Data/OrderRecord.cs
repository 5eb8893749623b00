namespace Workbook.Shop.Data;

/// <summary>An accepted order as stored; <see cref="IdempotencyKey"/> is unique per user so a retried POST finds it.</summary>
public sealed class OrderRecord
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required string Email { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c>, scoped by user.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The <c>RequestFingerprint</c> of the request that made the order: the key reused for another request is refused.</summary>
    public string? RequestFingerprint { get; set; }

    /// <summary>The order's lines as the JSON of <c>Workbook.Contracts.Orders.OrderItem[]</c>.</summary>
    public required string ItemsJson { get; set; }

    public decimal Total { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
