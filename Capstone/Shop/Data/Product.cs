namespace Workbook.Shop.Data;

/// <summary>A product in the catalog (the database is the source of truth; Redis only caches it).</summary>
public sealed class Product
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }
}
