namespace Workbook.Contracts;

/// <summary>
/// The revenue of one sale on the <c>revenue.eos</c> topic (bonus B2): <c>{"product_id":"P1","revenue":20.0}</c>.
/// Keyed by product id. Exactly one committed record per valid sale, so a product's total revenue is the sum of its
/// committed records, read with <c>isolation.level=read_committed</c>.
/// </summary>
/// <param name="ProductId">The product sold.</param>
/// <param name="Revenue">Quantity × price of that one sale, exact.</param>
public sealed record SaleRevenue(string ProductId, decimal Revenue);
