using System.Globalization;

namespace Workbook.Shop.Orders;

/// <summary>
/// The shop's money rules, one set for every end: what the catalog accepts as a price, what an order may hold, and what
/// analytics counts. A price is 0.01 to <see cref="MaxPrice"/> in whole cents; a line is 1 to <see cref="MaxQuantity"/>
/// units; an order (or a cart) has at most <see cref="MaxLines"/> lines. So the largest order is
/// 100 × 1,000 × 1,000,000.00 = 100,000,000,000.00, 10^13 cents: exact in a decimal and in Redis's 64-bit integers, and an
/// accepted order always converts to whole cents, which is what <c>AnalyticsStore</c> adds up.
/// </summary>
public static class Money
{
    public const decimal MinPrice = 0.01m;

    public const decimal MaxPrice = 1_000_000.00m;

    /// <summary>The most units of one product on one order line, and in one cart line.</summary>
    public const int MaxQuantity = 1000;

    /// <summary>The most lines on one order, and distinct products in one cart.</summary>
    public const int MaxLines = 100;

    private const decimal CentsPerUnit = 100m;

    /// <summary>Why <paramref name="price"/> is not a price the shop accepts, or null when it is one.</summary>
    public static string? PriceProblem(decimal price) =>
        price < MinPrice || price > MaxPrice
            ? $"The price must be {Text(MinPrice)} to {Text(MaxPrice)}."
            : decimal.Round(price, 2) != price
                ? $"The price {Text(price)} has more than 2 decimal places: prices are whole cents."
                : null;

    /// <summary>Why <paramref name="quantity"/> is not a line quantity the shop accepts, or null when it is one.</summary>
    public static string? QuantityProblem(long quantity) =>
        quantity is < 1 or > MaxQuantity ? $"The quantity must be 1 to {MaxQuantity}." : null;

    /// <summary>The total of the lines, computed in checked 64-bit cents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A price or quantity breaks the rules, or the total overflows.</exception>
    public static decimal Total(IEnumerable<(decimal Price, int Quantity)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long cents = 0;
        foreach (var (price, quantity) in lines)
        {
            if (PriceProblem(price) is { } badPrice)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), price, badPrice);
            }

            if (QuantityProblem(quantity) is { } badQuantity)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), quantity, badQuantity);
            }

            cents = checked(cents + checked(ToCents(price) * quantity));
        }

        return cents / CentsPerUnit;
    }

    /// <summary>The amount in whole cents.</summary>
    /// <exception cref="InvalidDataException">The amount is not a whole number of cents, or does not fit 64 bits.</exception>
    public static long ToCents(decimal amount)
    {
        var cents = Math.Abs(amount) <= long.MaxValue / CentsPerUnit ? amount * CentsPerUnit : decimal.MaxValue;
        if (cents != decimal.Truncate(cents) || cents is > long.MaxValue or < long.MinValue)
        {
            throw new InvalidDataException($"{Text(amount)} is not a whole number of cents within 64 bits.");
        }

        return (long)cents;
    }

    /// <summary>Cents back to an amount.</summary>
    public static decimal FromCents(long cents) => cents / CentsPerUnit;

    private static string Text(decimal amount) => amount.ToString("#,0.00########", CultureInfo.InvariantCulture);
}
