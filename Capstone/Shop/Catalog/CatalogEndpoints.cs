namespace Workbook.Shop.Catalog;

/// <summary><c>/products</c> and <c>/metrics/cache</c>.</summary>
internal static class CatalogEndpoints
{
    public static void MapCatalog(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Catalog");
        products.MapGet("/", (ProductCatalog catalog, CancellationToken ct) => catalog.ListAsync(ct))
            .WithSummary("Every product");
        products.MapGet("/{id}", async (string id, ProductCatalog catalog, CancellationToken ct) =>
                await catalog.GetAsync(id, ct) is { } product ? Results.Ok(product) : Api.Problems.NotFound($"There is no product '{id}'."))
            .WithSummary("One product, read through the cache")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPut("/{id}", async (string id, ProductUpdate update, ProductCatalog catalog, CancellationToken ct) =>
            {
                if (update.Name is null && update.Price is null)
                {
                    return Api.Problems.Invalid("name", "Give a name, a price, or both.");
                }

                if (update.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
                {
                    return Api.Problems.Invalid("name", "The name must be 1 to 200 characters.");
                }

                if (update.Price is < 0)
                {
                    return Api.Problems.Invalid("price", "The price must not be negative.");
                }

                return await catalog.UpdateAsync(id, update.Name, update.Price, ct) is { } product
                    ? Results.Ok(product)
                    : Api.Problems.NotFound($"There is no product '{id}'.");
            })
            .RequireAuthorization(Auth.ShopAuth.AdminPolicy)
            .WithSummary("Change a product (role admin); every instance drops its cached copy")
            .Produces<ProductView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/metrics/cache", (ProductCatalog catalog) => catalog.Stats)
            .WithTags("Metrics")
            .WithSummary("Catalog cache hits and misses of this instance");
    }
}
