namespace Workbook.Shop.Simulation;

/// <summary>
/// Picks one of <c>n</c> items with Zipf-like popularity: item <c>k</c> (0-based) has weight <c>1 / (k + 1)^s</c>, so
/// a few products get most of the views, as in a real shop (and as the catalog cache's hit-rate target assumes).
/// </summary>
public sealed class ZipfPicker
{
    private readonly double[] _cumulative;

    /// <param name="count">How many items (at least one).</param>
    /// <param name="exponent">The skew <c>s</c>; 0 is uniform, 1 is classic Zipf.</param>
    public ZipfPicker(int count, double exponent = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cumulative = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            _cumulative[k] = sum;
        }

        for (var k = 0; k < count; k++)
        {
            _cumulative[k] /= sum;
        }
    }

    /// <summary>An index from 0 to count − 1; smaller indexes are more likely.</summary>
    public int Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
