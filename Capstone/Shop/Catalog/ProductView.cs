namespace Workbook.Shop.Catalog;

/// <summary>A product as the API shows it (and as the cache stores it).</summary>
public sealed record ProductView(string Id, string Name, decimal Price);

/// <summary>The body of <c>POST /products</c>.</summary>
public sealed record ProductCreate(string? Id, string? Name, decimal? Price);

/// <summary>The body of <c>PUT /products/{id}</c>.</summary>
public sealed record ProductUpdate(string? Name, decimal? Price);
