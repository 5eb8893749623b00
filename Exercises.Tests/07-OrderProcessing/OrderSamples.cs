using System.Text.Json;
using Workbook.Contracts.Orders;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>Orders for the tests, including the seed's own example.</summary>
internal static class OrderSamples
{
    /// <summary>The seed's example: ORD001, user123, P1 x2, 99.99.</summary>
    public static Order Seed { get; } = new("ORD001", "user123", "user@example.com", [new OrderItem("P1", 2)], 99.99m);

    /// <summary>The seed's example exactly as its Python producer (<c>json.dumps</c>) writes it.</summary>
    public const string SeedJsonFromPython =
        """{"order_id": "ORD001", "user_id": "user123", "email": "user@example.com", "items": [{"product_id": "P1", "quantity": 2}], "total": 99.99}""";

    public static Order One(string orderId, string productId = "P1", int quantity = 1, decimal total = 10m, string userId = "user1") =>
        new(orderId, userId, $"{userId}@example.com", [new OrderItem(productId, quantity)], total);

    /// <summary>Orders over 5 products and 7 users, some with two items (some of those the same product twice), totals with cents.</summary>
    public static IReadOnlyList<Order> Many(int count, string prefix = "ORD") =>
        [.. Enumerable.Range(0, count).Select(i => new Order(
            $"{prefix}{i:D4}",
            $"user{i % 7}",
            $"user{i % 7}@example.com",
            i % 4 == 0
                ? [new OrderItem($"P{i % 5}", (i % 3) + 1), new OrderItem($"P{(i + 1) % 5}", 1)]
                : i % 4 == 2
                    ? [new OrderItem($"P{i % 5}", (i % 3) + 1), new OrderItem($"P{i % 5}", 2)]
                    : [new OrderItem($"P{i % 5}", (i % 3) + 1)],
            i + 0.99m))];

    public static string Json(Order order) => JsonSerializer.Serialize(order, WorkbookJson.Options);

    /// <summary>Units of each product the orders take out of stock.</summary>
    public static Dictionary<string, long> UnitsPerProduct(IEnumerable<Order> orders) =>
        orders.SelectMany(o => o.Items).GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.Sum(i => (long)i.Quantity));

    /// <summary>Points each user earns: floor(total * 10) per order.</summary>
    public static Dictionary<string, long> PointsPerUser(IEnumerable<Order> orders) =>
        orders.GroupBy(o => o.UserId).ToDictionary(g => g.Key, g => g.Sum(o => (long)decimal.Floor(o.Total * 10)));
}
