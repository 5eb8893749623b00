using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Lessons;
using Workbook.Shop.Data;
using Workbook.Shop.Telemetry;

namespace Workbook.Shop.Orders;

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record OrderRequest(string? Email, IReadOnlyList<OrderItemRequest?>? Items);

/// <summary>One line of an <see cref="OrderRequest"/>.</summary>
public sealed record OrderItemRequest(string? ProductId, int? Quantity);

/// <summary>What placing an order came to: the order, and whether this call created it (false: an earlier call with the same key did).</summary>
public sealed record PlacedOrder(Order Order, bool Created);

/// <summary>
/// Places orders idempotently: the order row and its outbox row are written in one transaction, and
/// (user, <c>Idempotency-Key</c>) is unique, so a retried request returns the first order instead of making another.
/// Kafka is not touched here: <see cref="OutboxRelay"/> publishes the outbox, so an order is accepted while Kafka is down.
/// </summary>
public sealed class OrderService(ShopDbContext db, TimeProvider time, ShopMetrics metrics)
{
    /// <summary>The order made earlier with this key, or a new one; prices come from the catalog.</summary>
    /// <exception cref="KeyNotFoundException">An item names an unknown product; nothing was written.</exception>
    public async Task<PlacedOrder> PlaceAsync(string userId, string idempotencyKey, string email, IReadOnlyList<OrderItem> items, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId, idempotencyKey, cancellationToken) is { } earlier)
        {
            return new PlacedOrder(earlier, Created: false);
        }

        var ids = items.Select(i => i.ProductId).Distinct().ToList();
        var prices = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Price, cancellationToken);
        if (ids.FirstOrDefault(id => !prices.ContainsKey(id)) is { } unknown)
        {
            throw new KeyNotFoundException($"There is no product '{unknown}'.");
        }

        var order = new Order($"ORD-{Guid.NewGuid():N}", userId, email, items, items.Sum(i => prices[i.ProductId] * i.Quantity));
        var now = time.GetUtcNow().UtcDateTime;
        db.Orders.Add(new OrderRecord
        {
            Id = order.OrderId,
            UserId = userId,
            Email = email,
            IdempotencyKey = idempotencyKey,
            ItemsJson = JsonSerializer.Serialize(items, WorkbookJson.Options),
            Total = order.Total,
            CreatedAtUtc = now,
        });
        db.OutboxMessages.Add(new OutboxMessage
        {
            Topic = OrderProducer.TopicName,
            Key = order.OrderId,
            Payload = JsonSerializer.Serialize(order, WorkbookJson.Options),
            CreatedAtUtc = now,
        });
        try
        {
            // One SaveChanges is one transaction: the order never exists without its event, nor the event without the order.
            await db.SaveChangesAsync(cancellationToken);
            metrics.OrderPlaced();
            return new PlacedOrder(order, Created: true);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key won the unique index; anything else is a real failure.
            db.ChangeTracker.Clear();
            var raced = await FindAsync(userId, idempotencyKey, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            return new PlacedOrder(raced, Created: false);
        }
    }

    /// <summary>The order this user placed with this <c>Idempotency-Key</c>, or null.</summary>
    public async Task<Order?> FindAsync(string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var record = await db.Orders.AsNoTracking()
            .SingleOrDefaultAsync(o => o.UserId == userId && o.IdempotencyKey == idempotencyKey, cancellationToken);
        return record is null
            ? null
            : new Order(record.Id, record.UserId, record.Email, JsonSerializer.Deserialize<List<OrderItem>>(record.ItemsJson, WorkbookJson.Options)!, record.Total);
    }
}
