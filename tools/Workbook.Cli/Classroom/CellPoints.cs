namespace Workbook.Cli.Classroom;

/// <summary>
/// How many whole points each rubric cell that has tests is worth: <see cref="ClassroomReport.MaxScore"/> split as evenly
/// as whole numbers allow (largest remainder, the first cells in the seed's order take the spare points). Whole points,
/// because GitHub Classroom adds the scores up as JavaScript numbers and shows the sum as it is.
/// </summary>
public static class CellPoints
{
    public static IReadOnlyList<int> Split(int maxScore, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxScore);
        ArgumentOutOfRangeException.ThrowIfNegative(cells);
        if (cells == 0)
        {
            return [];
        }

        var (share, spare) = Math.DivRem(maxScore, cells);
        return [.. Enumerable.Range(0, cells).Select(i => share + (i < spare ? 1 : 0))];
    }

    /// <summary>The points a cell earns: its credit × its points, rounded down, so full points only when every test passed.</summary>
    public static int Earned(double credit, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(credit, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(credit, 1);

        // The epsilon keeps 0.1 × 30 from landing on 2.9999… and losing a point to floating point.
        return (int)Math.Floor((credit * points) + 1e-9);
    }
}
