namespace Workbook.Cli.Grading;

/// <summary>One rubric item of a cell, e.g. "Lua scripts", with the tests that give evidence for it.</summary>
public sealed record ItemScore(string Name, Score Score, IReadOnlyList<GradedTest> Tests);
