using Workbook.Contracts.Orders;
using Workbook.Shop.Api;
using Workbook.Shop.Auth;
using Workbook.Shop.Cart;

namespace Workbook.Shop.Orders;

/// <summary>The body of <c>POST /cart/checkout</c>.</summary>
public sealed record CheckoutRequest(string? Email);

/// <summary>
/// <c>POST /cart/checkout</c>: turns the caller's cart into an order. The cart is taken (read and deleted) in one Lua
/// script, so two checkouts never both get its items; the order then goes through <see cref="OrderService"/> (order and
/// outbox row in one transaction). A retry with the same <c>Idempotency-Key</c> returns the first order and leaves the
/// (possibly refilled) cart alone; if placing fails, the items go back into the cart.
/// </summary>
internal static class CheckoutEndpoint
{
    public static void MapCheckout(this IEndpointRouteBuilder app)
    {
        app.MapPost("/cart/checkout", async (HttpContext http, CheckoutRequest request, CartStore carts, OrderService orders, CancellationToken ct) =>
            {
                var user = http.User.Subject();
                if (OrderEndpoints.IdempotencyKey(http) is not { } key)
                {
                    return OrderEndpoints.MissingIdempotencyKey(http);
                }

                if (OrderEndpoints.EmailProblem(request.Email) is { } badEmail)
                {
                    return badEmail;
                }

                // The body is only the e-mail: the cart's items are what the first checkout with this key took.
                var fingerprint = RequestFingerprint.Of("POST /cart/checkout", new { request.Email });
                if (await orders.FindAsync(user, key, fingerprint, ct) is { } earlier)
                {
                    return Results.Ok(earlier);
                }

                var items = await carts.TakeAsync(user);
                if (items.Count == 0)
                {
                    // A concurrent retry with this key may have taken the cart a moment ago.
                    return await orders.FindAsync(user, key, fingerprint, ct) is { } raced
                        ? Results.Ok(raced)
                        : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Empty cart", detail: "The cart is empty: add items before checking out.");
                }

                PlacedOrder placed;
                try
                {
                    placed = await orders.PlaceAsync(user, key, fingerprint, request.Email!, items, CancellationToken.None);
                }
                catch (KeyNotFoundException missing)
                {
                    await carts.RestoreAsync(user, items);
                    return Problems.NotFound(missing.Message);
                }
                catch
                {
                    await carts.RestoreAsync(user, items);
                    throw;
                }

                if (!placed.Created)
                {
                    await carts.RestoreAsync(user, items); // another request with this key placed the order first
                }

                return OrderEndpoints.Placed(placed);
            })
            .RequireAuthorization(ShopAuth.UserPolicy)
            .WithTags("Orders")
            .WithSummary("Check out the caller's cart: one order (idempotent by Idempotency-Key), the cart emptied")
            .Produces<Order>(StatusCodes.Status201Created)
            .Produces<Order>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
