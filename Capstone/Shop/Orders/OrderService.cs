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
    /// <param name="userId">Who orders.</param>
    /// <param name="idempotencyKey">The client's key for this request.</param>
    /// <param name="requestFingerprint">The <see cref="RequestFingerprint"/> of the request, stored beside the key.</param>
    /// <param name="email">Where the confirmation goes.</param>
    /// <param name="items">The lines, each within <see cref="Money"/>'s bounds.</param>
    /// <param name="cancellationToken">Stops waiting for the database.</param>
    /// <exception cref="KeyNotFoundException">An item names an unknown product; nothing was written.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key was used before for another request; nothing was written.</exception>
    /// <exception cref="OrderRejectedException">The order breaks a money rule (too many lines, or a stored price that is no valid price); nothing was written.</exception>
    public async Task<PlacedOrder> PlaceAsync(string userId, string idempotencyKey, string requestFingerprint, string email, IReadOnlyList<OrderItem> items, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId, idempotencyKey, requestFingerprint, cancellationToken) is { } earlier)
        {
            return new PlacedOrder(earlier, Created: false);
        }

        if (items.Count > Money.MaxLines)
        {
            throw new OrderRejectedException(StatusCodes.Status400BadRequest, "items", $"An order has at most {Money.MaxLines} lines.");
        }

        var ids = items.Select(i => i.ProductId).Distinct().ToList();
        var prices = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Price, cancellationToken);
        if (ids.FirstOrDefault(id => !prices.ContainsKey(id)) is { } unknown)
        {
            throw new KeyNotFoundException($"There is no product '{unknown}'.");
        }

        var order = new Order($"ORD-{Guid.NewGuid():N}", userId, email, items, Total(items, prices));
        var now = time.GetUtcNow().UtcDateTime;
        db.Orders.Add(new OrderRecord
        {
            Id = order.OrderId,
            UserId = userId,
            Email = email,
            IdempotencyKey = idempotencyKey,
            RequestFingerprint = requestFingerprint,
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
            var raced = await FindAsync(userId, idempotencyKey, requestFingerprint, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            return new PlacedOrder(raced, Created: false);
        }
    }

    /// <summary>The order this user placed with this <c>Idempotency-Key</c> for the same request, or null.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for a request with another fingerprint.</exception>
    public async Task<Order?> FindAsync(string userId, string idempotencyKey, string requestFingerprint, CancellationToken cancellationToken)
    {
        var record = await db.Orders.AsNoTracking()
            .SingleOrDefaultAsync(o => o.UserId == userId && o.IdempotencyKey == idempotencyKey, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // An order stored before fingerprints were kept has none: it is not checked.
        if (record.RequestFingerprint is not null && !string.Equals(record.RequestFingerprint, requestFingerprint, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException(idempotencyKey);
        }

        return new Order(record.Id, record.UserId, record.Email, JsonSerializer.Deserialize<List<OrderItem>>(record.ItemsJson, WorkbookJson.Options)!, record.Total);
    }

    // Checked cents: a price stored before the money rules (or written around the API) stops the order instead of
    // making a total analytics could not count.
    private static decimal Total(IReadOnlyList<OrderItem> items, Dictionary<string, decimal> prices)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (Money.PriceProblem(prices[items[i].ProductId]) is { } problem)
            {
                throw new OrderRejectedException(StatusCodes.Status409Conflict, $"items[{i}].product_id", $"Product '{items[i].ProductId}' cannot be sold at its stored price: {problem}");
            }

            if (Money.QuantityProblem(items[i].Quantity) is { } quantity)
            {
                throw new OrderRejectedException(StatusCodes.Status400BadRequest, $"items[{i}].quantity", quantity);
            }
        }

        return Money.Total(items.Select(i => (prices[i.ProductId], i.Quantity)));
    }
}
