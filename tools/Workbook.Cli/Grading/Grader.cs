using Workbook.Cli.Catalog;
using Workbook.Cli.Results;
using Workbook.Cli.Running;

namespace Workbook.Cli.Grading;

/// <summary>Joins the trait catalog to the results by <c>Namespace.Class.Method</c> and fills the seed's rubric matrix.</summary>
public static class Grader
{
    public static IReadOnlyList<GradedTest> Join(TestCatalog catalog, IReadOnlyList<TestResult> results)
    {
        var byName = results.ToLookup(r => r.FullName, StringComparer.Ordinal);
        return [.. catalog.Tests.Select(test =>
        {
            var found = byName[test.FullName].ToList();
            return new GradedTest(test, found.Count > 0 ? found : [new TestResult(test.FullName, test.FullName, TestOutcome.NotRun, "did not run")]);
        })];
    }

    public static GradeReport Grade(TestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Grade(run.Catalog, run.Results, run.Target.ToString(), run.Root.Path);
    }

    public static GradeReport Grade(TestCatalog catalog, IReadOnlyList<TestResult> results, string target, string checkout)
    {
        var tests = Join(catalog, results);
        var cells = new List<CellScore>();
        foreach (var level in SeedRubric.Levels)
        {
            foreach (var skill in SeedRubric.Skills)
            {
                var inCell = tests.Where(t => t.Test.Level == level && t.Test.Skill == skill).ToList();
                var itemNames = SeedRubric.Items(level, skill)
                    .Concat(inCell.SelectMany(t => t.Test.RubricItems))
                    .Distinct(StringComparer.Ordinal);
                var items = itemNames.Select(name =>
                {
                    var evidence = inCell.Where(t => t.Test.RubricItems.Contains(name, StringComparer.Ordinal)).ToList();
                    return new ItemScore(name, Score.Of(evidence), evidence);
                }).ToList();
                var lessons = inCell.Select(t => t.Test.Lesson).Distinct().Order(StringComparer.Ordinal).ToList();
                cells.Add(new CellScore(level, skill, Score.Of(inCell), items, lessons));
            }
        }

        // Tests whose level or skill is outside the seed's table still count in the overall figures.
        return new GradeReport(target, checkout, cells, Score.Of(tests), tests);
    }
}
