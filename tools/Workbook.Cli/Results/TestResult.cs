namespace Workbook.Cli.Results;

/// <summary>One test's result, from a TRX file or from the engine's run.</summary>
/// <param name="FullName"><c>Namespace.Class.Method</c>, without theory arguments: the join key to the catalog.</param>
/// <param name="DisplayName">The test's name as reported, with theory arguments when there are any.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">The failure message's first line, if any (or the skip reason).</param>
/// <param name="Details">The whole failure message and the test's own stack frames, when the run gave them.</param>
public sealed record TestResult(string FullName, string DisplayName, TestOutcome Outcome, string? Message, string? Details = null);
