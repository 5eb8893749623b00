using Workbook.Cli.Catalog;
using Workbook.Cli.Results;

namespace Workbook.Cli.Grading;

/// <summary>A catalog test and its results: one per theory case, or one <see cref="TestOutcome.NotRun"/> when it did not run.</summary>
public sealed record GradedTest(CatalogTest Test, IReadOnlyList<TestResult> Results)
{
    public bool Passed => Results.All(r => r.Outcome is TestOutcome.Passed or TestOutcome.Skipped) && Results.Any(r => r.Outcome == TestOutcome.Passed);
}
