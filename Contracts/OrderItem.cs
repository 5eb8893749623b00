namespace Workbook.Contracts.Orders;

/// <summary>One line of an <see cref="Order"/>: <c>{"product_id": "P1", "quantity": 2}</c>.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Quantity">How many units; at least 1.</param>
public sealed record OrderItem(string ProductId, int Quantity);
