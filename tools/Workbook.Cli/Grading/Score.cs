namespace Workbook.Cli.Grading;

/// <summary>Tests passed of tests counted; skipped tests count for neither side.</summary>
public sealed record Score(int Passed, int Total, int Skipped)
{
    /// <summary>Passed ÷ total, or null when nothing was counted ("no tests").</summary>
    public double? Credit => Total == 0 ? null : (double)Passed / Total;

    /// <summary><c>full</c>, <c>partial</c>, <c>zero</c>, or <c>no tests</c>.</summary>
    public string Status => Total == 0 ? "no tests" : Passed == Total ? "full" : Passed == 0 ? "zero" : "partial";

    /// <summary>"3 of 7 (43 %)", or "no tests".</summary>
    public string Describe() => Credit is { } credit
        ? $"{Passed} of {Total} ({credit * 100:0} %)"
        : Skipped > 0 ? $"no tests ({Skipped} skipped)" : "no tests";

    public static Score Of(IEnumerable<GradedTest> tests)
    {
        var results = tests.SelectMany(t => t.Results).ToList();
        var skipped = results.Count(r => r.Outcome == Results.TestOutcome.Skipped);
        return new Score(results.Count(r => r.Outcome == Results.TestOutcome.Passed), results.Count - skipped, skipped);
    }
}
