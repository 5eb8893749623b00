namespace Workbook.Cli.Grading;

/// <summary>One level × skill cell of the rubric, e.g. Intermediate · Redis.</summary>
public sealed record CellScore(string Level, string Skill, Score Score, IReadOnlyList<ItemScore> Items, IReadOnlyList<string> Lessons);
