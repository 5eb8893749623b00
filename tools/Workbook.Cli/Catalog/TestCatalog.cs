namespace Workbook.Cli.Catalog;

/// <summary>Every graded test of a built <c>Workbook.Exercises.Tests</c> assembly, in lesson order.</summary>
public sealed class TestCatalog(IReadOnlyList<CatalogTest> tests)
{
    public IReadOnlyList<CatalogTest> Tests { get; } = [.. tests.OrderBy(t => t.Lesson, StringComparer.Ordinal).ThenBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The lesson numbers that have tests, in order.</summary>
    public IReadOnlyList<string> Lessons => [.. Tests.Select(t => t.Lesson).Distinct().Order(StringComparer.Ordinal)];
}
