namespace Workbook.Cli.Grading;

/// <summary>The rubric matrix of one run, and the total.</summary>
/// <param name="Target">Exercises or Solutions.</param>
/// <param name="Checkout">The checkout's root folder.</param>
/// <param name="Cells">Level × skill cells, in the seed's order (Beginner Redis, Beginner Kafka, …).</param>
/// <param name="Overall">All graded tests.</param>
/// <param name="Tests">Every graded test, in lesson order.</param>
public sealed record GradeReport(string Target, string Checkout, IReadOnlyList<CellScore> Cells, Score Overall, IReadOnlyList<GradedTest> Tests)
{
    /// <summary>How the grade was made; in place unless the pristine grader says otherwise.</summary>
    public GradingNotes Grading { get; init; } = GradingNotes.InPlace;

    /// <summary>The mean credit of the cells that have tests, 0–100; cells with no tests are left out, never counted as full.</summary>
    public double TotalPercent
    {
        get
        {
            var credited = Cells.Where(c => c.Score.Credit is not null).ToList();
            return credited.Count == 0 ? 0 : Math.Round(credited.Average(c => c.Score.Credit!.Value) * 100, 1);
        }
    }
}
