using System.Globalization;
using System.Runtime.CompilerServices;
using Workbook.Contracts.Orders;

namespace Workbook.Lessons;

/// <summary>What makes an <see cref="Order"/> acceptable: checked by the producer (bad input) and by every consumer (poison records).</summary>
internal static class OrderValidation
{
    /// <summary>Why the order cannot be processed, in words; null when it is fine.</summary>
    /// <remarks>Checks for null although the record says non-nullable: JSON from the wire may leave any field out.</remarks>
    public static string? Problem(Order? order)
    {
        if (order is null)
        {
            return "the order is missing (JSON null)";
        }

        if (string.IsNullOrWhiteSpace(order.OrderId))
        {
            return "order_id is empty";
        }

        var which = $"order {order.OrderId}";
        if (string.IsNullOrWhiteSpace(order.UserId))
        {
            return $"{which}: user_id is empty";
        }

        if (string.IsNullOrWhiteSpace(order.Email))
        {
            return $"{which}: email is empty";
        }

        if (order.Items is null || order.Items.Count == 0)
        {
            return $"{which}: it has no items";
        }

        for (var i = 0; i < order.Items.Count; i++)
        {
            var item = order.Items[i];
            if (item is null)
            {
                return $"{which}: items[{i}] is missing";
            }

            if (string.IsNullOrWhiteSpace(item.ProductId))
            {
                return $"{which}: items[{i}].product_id is empty";
            }

            if (item.Quantity <= 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{which}: items[{i}] ({item.ProductId}) has quantity {item.Quantity}; it must be at least 1");
            }
        }

        if (order.Total < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{which}: total {order.Total} is negative");
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentNullException"/> or <see cref="ArgumentException"/> naming <paramref name="paramName"/>.</summary>
    public static void ThrowIfInvalid(Order? order, [CallerArgumentExpression(nameof(order))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(order, paramName);
        if (Problem(order) is { } problem)
        {
            throw new ArgumentException($"Invalid order: {problem}.", paramName);
        }
    }
}
