using Workbook.Contracts.Orders;
using Workbook.Shop.Api;
using Workbook.Shop.Auth;
using Workbook.Shop.Catalog;
using Workbook.Shop.Orders;

namespace Workbook.Shop.Cart;

/// <summary>The body of <c>POST /cart/items</c>.</summary>
public sealed record CartItemRequest(string? ProductId, int? Quantity);

/// <summary>A user's cart as the API shows it.</summary>
public sealed record CartView(string UserId, IReadOnlyList<OrderItem> Items);

/// <summary><c>/cart</c>: the caller's own cart, named by the token's subject (policy <see cref="ShopAuth.UserPolicy"/>); no header can name another.</summary>
internal static class CartEndpoints
{
    public static void MapCart(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/cart").WithTags("Cart").RequireAuthorization(ShopAuth.UserPolicy);
        cart.MapPost("/items", async (HttpContext http, CartItemRequest request, CartStore carts, ProductCatalog catalog, CancellationToken ct) =>
            {
                var user = http.User.Subject();
                if (string.IsNullOrWhiteSpace(request.ProductId))
                {
                    return Problems.Invalid("product_id", "product_id is required.");
                }

                if (request.Quantity is not { } quantity || Money.QuantityProblem(quantity) is not null)
                {
                    return Problems.Invalid("quantity", $"quantity must be 1 to {Money.MaxQuantity}.");
                }

                if (await catalog.GetAsync(request.ProductId, ct) is null)
                {
                    return Problems.NotFound($"There is no product '{request.ProductId}'.");
                }

                return await carts.AddAsync(user, request.ProductId, quantity) switch
                {
                    CartStore.TooManyUnits => Problems.Invalid("quantity", $"A cart holds at most {Money.MaxQuantity} units of one product."),
                    CartStore.TooManyLines => Problems.Invalid("product_id", $"A cart holds at most {Money.MaxLines} different products."),
                    _ => Results.Ok(new CartView(user, await carts.GetAsync(user))),
                };
            })
            .WithSummary("Add units of a product to the caller's cart")
            .Produces<CartView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        cart.MapGet("/", async (HttpContext http, CartStore carts) =>
                Results.Ok(new CartView(http.User.Subject(), await carts.GetAsync(http.User.Subject()))))
            .WithSummary("The caller's cart")
            .Produces<CartView>();
        cart.MapDelete("/items/{productId}", async (HttpContext http, string productId, CartStore carts) =>
            {
                return await carts.RemoveAsync(http.User.Subject(), productId)
                    ? Results.NoContent()
                    : Problems.NotFound($"'{productId}' is not in the cart.");
            })
            .WithSummary("Remove a product from the caller's cart")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
