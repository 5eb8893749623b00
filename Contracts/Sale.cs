using System.Text.Json.Serialization;

namespace Workbook.Contracts;

/// <summary>
/// One sale on the <c>sales</c> topic (lesson 09): <c>{"product_id":"P1","quantity":2,"price":10.0}</c>.
/// Money is <see cref="decimal"/>, never <see cref="double"/>. All three fields are required in JSON: a sale with no price is
/// malformed, not free.
/// </summary>
/// <param name="ProductId">The product sold; not empty.</param>
/// <param name="Quantity">How many; at least 1.</param>
/// <param name="Price">The unit price; not negative.</param>
public sealed record Sale(
    [property: JsonRequired] string ProductId,
    [property: JsonRequired] int Quantity,
    [property: JsonRequired] decimal Price);
