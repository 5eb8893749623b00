using Workbook.Contracts.Orders;
using Workbook.Shop.Api;
using Workbook.Shop.Auth;
using Workbook.Shop.Cart;

namespace Workbook.Shop.Orders;

/// <summary><c>POST /orders</c>: the caller is the token's subject; <c>Idempotency-Key</c> makes a retry safe.</summary>
internal static class OrderEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders", async (HttpContext http, OrderRequest request, OrderService orders, CancellationToken ct) =>
            {
                var user = http.User.Subject();
                if (IdempotencyKey(http) is not { } key)
                {
                    return MissingIdempotencyKey();
                }

                if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
                {
                    return Problems.Invalid("email", "email is required.");
                }

                if (request.Items is not { Count: > 0 } lines)
                {
                    return Problems.Invalid("items", "An order has at least one item.");
                }

                var items = new List<OrderItem>();
                for (var i = 0; i < lines.Count; i++)
                {
                    if (lines[i] is not { ProductId: { Length: > 0 } productId, Quantity: { } quantity } || quantity is < 1 or > CartEndpoints.MaxUnitsPerRequest)
                    {
                        return Problems.Invalid($"items[{i}]", $"Each item needs a product_id and a quantity of 1 to {CartEndpoints.MaxUnitsPerRequest}.");
                    }

                    items.Add(new OrderItem(productId, quantity));
                }

                try
                {
                    var placed = await orders.PlaceAsync(user, key, request.Email, items, ct);
                    return Placed(placed);
                }
                catch (KeyNotFoundException missing)
                {
                    return Problems.NotFound(missing.Message);
                }
            })
            .RequireAuthorization(ShopAuth.UserPolicy)
            .WithTags("Orders")
            .WithSummary("Place an order (idempotent by Idempotency-Key); published to Kafka through the outbox")
            .Produces<Order>(StatusCodes.Status201Created)
            .Produces<Order>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapCheckout();
    }

    public static string? IdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString().Trim();
        return key.Length is > 0 and <= 128 ? key : null;
    }

    public static IResult MissingIdempotencyKey() =>
        Problems.Invalid("Idempotency-Key", "The Idempotency-Key header (1 to 128 characters) is required: a retry with the same key returns the same order.");

    public static IResult Placed(PlacedOrder placed) =>
        placed.Created ? Results.Created($"/orders/{placed.Order.OrderId}", placed.Order) : Results.Ok(placed.Order);
}
