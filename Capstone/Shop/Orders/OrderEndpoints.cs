using Workbook.Contracts.Orders;
using Workbook.Shop.Api;
using Workbook.Shop.Auth;

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
                    return MissingIdempotencyKey(http);
                }

                if (EmailProblem(request.Email) is { } badEmail)
                {
                    return badEmail;
                }

                if (request.Items is not { Count: > 0 } lines)
                {
                    return Problems.Invalid("items", "An order has at least one item.");
                }

                if (lines.Count > Money.MaxLines)
                {
                    return Problems.Invalid("items", $"An order has at most {Money.MaxLines} lines.");
                }

                var items = new List<OrderItem>();
                for (var i = 0; i < lines.Count; i++)
                {
                    if (lines[i] is not { ProductId: { Length: > 0 } productId })
                    {
                        return Problems.Invalid($"items[{i}].product_id", "Each item needs a product_id.");
                    }

                    if (lines[i]!.Quantity is not { } quantity || Money.QuantityProblem(quantity) is not null)
                    {
                        return Problems.Invalid($"items[{i}].quantity", $"Each item needs a quantity of 1 to {Money.MaxQuantity}.");
                    }

                    items.Add(new OrderItem(productId, quantity));
                }

                var fingerprint = RequestFingerprint.Of("POST /orders", new { request.Email, Items = items });
                try
                {
                    var placed = await orders.PlaceAsync(user, key, fingerprint, request.Email!, items, ct);
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

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The request's one <c>Idempotency-Key</c>: 1 to 128 characters, none of them a control character; else null.</summary>
    public static string? IdempotencyKey(HttpContext http)
    {
        var values = http.Request.Headers[IdempotencyHeader];
        if (values.Count != 1 || values[0] is not { } raw || TextRules.HasControlCharacters(raw))
        {
            return null;
        }

        var key = raw.Trim();
        return key.Length is > 0 and <= 128 ? key : null;
    }

    /// <summary>Why <see cref="IdempotencyKey"/> found no usable key.</summary>
    public static IResult MissingIdempotencyKey(HttpContext http)
    {
        var values = http.Request.Headers[IdempotencyHeader];
        return values.Count > 1
            ? Problems.Invalid(IdempotencyHeader, "Send one Idempotency-Key header, not several.")
            : values.Any(v => v is not null && TextRules.HasControlCharacters(v))
                ? Problems.Invalid(IdempotencyHeader, TextRules.ControlCharacterReason)
                : Problems.Invalid(IdempotencyHeader, "The Idempotency-Key header (1 to 128 characters) is required: a retry with the same key returns the same order.");
    }

    /// <summary>Why the e-mail address is not usable, or null.</summary>
    public static IResult? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254
            ? Problems.Invalid("email", "email is required: an address with an @, at most 254 characters.")
            : null;

    public static IResult Placed(PlacedOrder placed) =>
        placed.Created ? Results.Created($"/orders/{placed.Order.OrderId}", placed.Order) : Results.Ok(placed.Order);
}
