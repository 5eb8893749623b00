using System.Text.Json;
using Workbook.Cli.Catalog;

namespace Workbook.Cli.Tests;

[Collection(nameof(GradedCheckouts))]
public sealed class GradeTests(GradedCheckouts graded)
{
    [Fact]
    public void Untouched_stubs_score_zero_in_every_cell()
    {
        Report(graded);
        var report = graded.Stubs.RootElement;

        report.GetProperty("totalScore").GetDouble().Should().Be(0);
        foreach (var cell in Cells(report))
        {
            cell.GetProperty("passed").GetInt32().Should().Be(0, $"{Name(cell)}: every lesson test must fail on the stubs");
            cell.GetProperty("status").GetString().Should().BeOneOf("zero", "no tests");
        }

        Cells(report).Sum(c => c.GetProperty("total").GetInt32()).Should().BeGreaterThan(0, "the stubs' tests ran and were counted");
        report.GetProperty("grading").GetProperty("mode").GetString().Should().Be("pristine", "--exercises grades with our tests by default");
        report.GetProperty("grading").GetProperty("ignored").GetArrayLength().Should().Be(0, "an untouched copy differs from ours in nothing");
    }

    [Fact]
    public void Solutions_get_full_marks()
    {
        var report = graded.Solutions.RootElement;

        report.GetProperty("target").GetString().Should().Be("Solutions");
        var notPassed = report.GetProperty("tests").EnumerateArray()
            .SelectMany(test => test.GetProperty("results").EnumerateArray())
            .Where(result => result.GetProperty("outcome").GetString() is not ("Passed" or "Skipped" or "NotExecuted"))
            .Select(result => $"{result.GetProperty("name").GetString()}: {result.GetProperty("outcome").GetString()} {result.GetProperty("message")}");
        notPassed.Should().BeEmpty("the reference answers pass every test");
        report.GetProperty("totalScore").GetDouble().Should().Be(100);
        foreach (var cell in Cells(report))
        {
            var total = cell.GetProperty("total").GetInt32();
            cell.GetProperty("passed").GetInt32().Should().Be(total, $"{Name(cell)}: the reference answers pass every test");
            cell.GetProperty("status").GetString().Should().Be(total == 0 ? "no tests" : "full");
        }
    }

    [Fact]
    public void Only_the_cells_of_the_solved_lessons_are_credited()
    {
        var solvedCells = graded.Catalog.Tests.Where(t => graded.Solved.Contains(t.Lesson)).Select(t => (t.Level, t.Skill)).ToHashSet();
        solvedCells.Should().NotBeEmpty("at least lesson 01 exists");
        if (graded.Solved.Count == GradedCheckouts.SolvedLessons.Length)
        {
            solvedCells.Should().BeEquivalentTo([("Beginner", "Redis")], "lessons 01-03 are the Beginner Redis lessons");
        }

        foreach (var cell in Cells(graded.Partial.RootElement))
        {
            var key = (cell.GetProperty("level").GetString()!, cell.GetProperty("skill").GetString()!);
            var passed = cell.GetProperty("passed").GetInt32();
            if (solvedCells.Contains(key))
            {
                var expected = graded.Catalog.Tests.Count(t => (t.Level, t.Skill) == key && graded.Solved.Contains(t.Lesson));
                passed.Should().BeGreaterThanOrEqualTo(expected, $"{Name(cell)}: the solved lessons' tests pass");
                cell.GetProperty("lessons").EnumerateArray().Select(l => l.GetString()).Should().Contain(graded.Solved);
            }
            else
            {
                passed.Should().Be(0, $"{Name(cell)} holds no solved lesson");
            }
        }
    }

    [Fact]
    public void Every_seed_rubric_item_is_listed_under_its_cell_and_one_without_tests_never_scores()
    {
        foreach (var report in new[] { graded.Stubs, graded.Solutions, graded.Partial })
        {
            var cells = Cells(report.RootElement).ToList();
            cells.Select(c => (c.GetProperty("level").GetString(), c.GetProperty("skill").GetString()))
                .Should().Equal(SeedRubric.Levels.SelectMany(l => SeedRubric.Skills.Select(s => ((string?)l, (string?)s))));
            foreach (var cell in cells)
            {
                var items = cell.GetProperty("items").EnumerateArray().ToList();
                items.Select(i => i.GetProperty("name").GetString())
                    .Should().Contain(SeedRubric.Items(cell.GetProperty("level").GetString()!, cell.GetProperty("skill").GetString()!));
                foreach (var item in items.Where(i => i.GetProperty("total").GetInt32() == 0).Append(cell).Where(e => e.GetProperty("total").GetInt32() == 0))
                {
                    item.GetProperty("status").GetString().Should().Be("no tests");
                    item.GetProperty("credit").ValueKind.Should().Be(JsonValueKind.Null, "no tests is not full marks");
                }
            }
        }
    }

    [Fact]
    public void JUnit_has_one_suite_per_rubric_cell()
    {
        graded.PartialJunit.ExitCode.Should().Be(0, graded.PartialJunit.ToString());
        var xml = System.Xml.Linq.XDocument.Parse(graded.PartialJunit.Stdout);

        xml.Root!.Name.LocalName.Should().Be("testsuites");
        xml.Root.Elements("testsuite").Select(s => (string?)s.Attribute("name"))
            .Should().Equal(SeedRubric.Levels.SelectMany(l => SeedRubric.Skills.Select(s => $"{l} {s}")));
        xml.Descendants("testcase").Should().HaveCount(graded.Partial.RootElement.GetProperty("overall").GetProperty("total").GetInt32()
            + graded.Partial.RootElement.GetProperty("overall").GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void Progress_lists_lessons_in_order_and_names_the_next_one()
    {
        var progress = graded.PartialProgress;
        progress.ExitCode.Should().Be(0, progress.ToString());
        var lessons = graded.Catalog.Lessons;
        var rows = lessons.Select(l => progress.Stdout.IndexOf($"│ {l} ", StringComparison.Ordinal)).ToList();
        rows.Should().OnlyContain(i => i >= 0, progress.Stdout).And.BeInAscendingOrder("lessons are listed in order");

        foreach (var lesson in lessons)
        {
            var line = progress.Stdout.Split('\n').First(l => l.Contains($"│ {lesson} ", StringComparison.Ordinal));
            line.Should().Contain(graded.Solved.Contains(lesson) ? "done" : "not started");
        }

        var next = lessons.First(l => !graded.Solved.Contains(l));
        progress.Stdout.Should().Contain($"Next: lesson {next}").And.Contain($"--filter Lesson={next}");
    }

    private static IEnumerable<JsonElement> Cells(JsonElement report) => report.GetProperty("cells").EnumerateArray();

    private static string Name(JsonElement cell) => $"{cell.GetProperty("level").GetString()} {cell.GetProperty("skill").GetString()}";

    private static void Report(GradedCheckouts graded) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, graded.Timings));
}
