namespace Workbook.Shop.Catalog;

/// <summary><c>/products</c> and <c>/metrics/cache</c>.</summary>
internal static partial class CatalogEndpoints
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex ProductIds { get; }

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
        products.MapPost("/", async (ProductCreate create, ProductCatalog catalog, CancellationToken ct) =>
            {
                if (create.Id is not { } id || !ProductIds.IsMatch(id))
                {
                    return Api.Problems.Invalid("id", "The id is 1 to 64 letters, digits, '.', '_' or '-'.");
                }

                if (create.Name is not { } name || string.IsNullOrWhiteSpace(name) || name.Length > 200)
                {
                    return Api.Problems.Invalid("name", "The name must be 1 to 200 characters.");
                }

                if (create.Price is not { } price)
                {
                    return Api.Problems.Invalid("price", "A price is required.");
                }

                if (Orders.Money.PriceProblem(price) is { } problem)
                {
                    return Api.Problems.Invalid("price", problem);
                }

                return await catalog.CreateAsync(id, name, price, ct) is { } product
                    ? Results.Created($"/products/{id}", product)
                    : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Product exists", detail: $"There is a product '{id}' already: change it with PUT /products/{id}.");
            })
            .RequireAuthorization(Auth.ShopAuth.AdminPolicy)
            .WithSummary("Add a product (role admin); every instance forgets it was unknown")
            .Produces<ProductView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
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

                if (update.Price is { } price && Orders.Money.PriceProblem(price) is { } problem)
                {
                    return Api.Problems.Invalid("price", problem);
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
