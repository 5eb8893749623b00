namespace Workbook.Contracts.Orders;

/// <summary>
/// An order placed in the shop (lesson 07 and the capstone). On the wire it is the seed's JSON:
/// <c>{"order_id": "ORD001", "user_id": "user123", "email": "user@example.com", "items": [{"product_id": "P1", "quantity": 2}], "total": 99.99}</c>.
/// </summary>
/// <param name="OrderId">Unique id of the order; also the Kafka key, so every event of one order stays in one partition.</param>
/// <param name="UserId">The customer.</param>
/// <param name="Email">Where the confirmation goes.</param>
/// <param name="Items">What was ordered; at least one item.</param>
/// <param name="Total">What the customer pays, in currency units; <see cref="decimal"/>, never a binary floating point number.</param>
public sealed record Order(string OrderId, string UserId, string Email, IReadOnlyList<OrderItem> Items, decimal Total);
