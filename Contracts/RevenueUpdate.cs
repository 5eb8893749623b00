namespace Workbook.Contracts;

/// <summary>
/// A product's running revenue on the <c>revenue</c> topic (lesson 09): <c>{"product_id":"P1","total_revenue":50.0}</c>.
/// Keyed by product id, so the last record of a key is the product's current total.
/// </summary>
/// <param name="ProductId">The product.</param>
/// <param name="TotalRevenue">Its total revenue so far, exact.</param>
public sealed record RevenueUpdate(string ProductId, decimal TotalRevenue);
