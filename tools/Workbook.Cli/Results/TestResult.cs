namespace Workbook.Cli.Results;

/// <summary>One result line of a TRX file.</summary>
/// <param name="FullName"><c>Namespace.Class.Method</c>, without theory arguments: the join key to the catalog.</param>
/// <param name="DisplayName">The TRX <c>testName</c>, with theory arguments when there are any.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">The failure message's first line, if any.</param>
public sealed record TestResult(string FullName, string DisplayName, TestOutcome Outcome, string? Message);
