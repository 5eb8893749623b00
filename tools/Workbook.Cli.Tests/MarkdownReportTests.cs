using Workbook.Cli.Catalog;
using Workbook.Cli.Grading;
using Workbook.Cli.Results;
using TestResult = Workbook.Cli.Results.TestResult;

namespace Workbook.Cli.Tests;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Failing_tests_are_grouped_under_their_lesson_with_a_count()
    {
        GradedTest[] tests =
        [
            Test("01", "Seed_example", TestOutcome.Passed),
            Test("01", "Ranking_equals_counter", TestOutcome.Failed, "ranking | counter differ"),
            Test("02", "Save_replaces", TestOutcome.Failed, "Lesson 02: implement UserProfileCache.SaveAsync"),
            Test("02", "Update_keeps_ttl", TestOutcome.NotRun),
            Test("02", "Needs_a_real_broker", TestOutcome.Skipped),
            Test("B1", "One_loader_call", TestOutcome.Failed, "loader ran 100 times"),
        ];
        var report = new GradeReport("Exercises", "/checkout", [], Score.Of(tests), tests);

        var lines = MarkdownReport.Write(report).Split('\n');

        var section = lines.SkipWhile(l => l != "## Not passing yet").ToList();
        section.Should().NotBeEmpty();
        section.Should().Contain(["| 01 | 1 of 2 |", "| 02 | 2 of 2 |", "| B1 | 1 of 1 |"], "one summary line per lesson: failing of counted (skipped tests count for neither)");
        Under(section, "### Lesson 01 — 1 of 2 not passing").Should().Equal("- `Ranking_equals_counter` — ranking \\| counter differ");
        Under(section, "### Lesson 02 — 2 of 2 not passing").Should().Equal("- `Save_replaces` — Lesson 02: implement UserProfileCache.SaveAsync", "- `Update_keeps_ttl`");
        Under(section, "### Lesson B1 — 1 of 1 not passing").Should().Equal("- `One_loader_call` — loader ran 100 times");
        section.Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Should().BeInAscendingOrder(StringComparer.Ordinal, "lessons in order, bonus lessons last");
        section.Should().NotContain(l => l.Contains("Seed_example", StringComparison.Ordinal) || l.Contains("Needs_a_real_broker", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_where_everything_passes_has_no_failing_section()
    {
        GradedTest[] tests = [Test("01", "Seed_example", TestOutcome.Passed)];

        MarkdownReport.Write(new GradeReport("Solutions", "/checkout", [], Score.Of(tests), tests)).Should().NotContain("Not passing yet");
    }

    [Fact]
    public void A_pristine_report_names_the_lessons_that_did_not_compile_and_every_ignored_change()
    {
        GradedTest[] tests = [Test("01", "Seed_example", TestOutcome.Passed), Test("04", "Round_trip", TestOutcome.Failed)];
        var report = new GradeReport("Exercises", "/checkout", [], Score.Of(tests), tests)
        {
            Grading = new GradingNotes(
                GradingNotes.PristineMode,
                "/ours",
                "network namespace",
                [new IgnoredChange("Exercises.Tests/05-GameLeaderboard/GameLeaderboardTests.cs", "changed"), new IgnoredChange("Capstone/", "removed", 93)],
                [new LessonProblem("04", LessonProblem.CompileError, "Exercises/04-Logs/LogProducer.cs", "Exercises/04-Logs/LogProducer.cs(42,2): error CS1031: Type expected")]),
        };

        var lines = MarkdownReport.Write(report).Split('\n');

        lines.Should().Contain(l => l.StartsWith("Graded pristine: only `Exercises/**/*.cs`", StringComparison.Ordinal) && l.Contains("`/ours`", StringComparison.Ordinal));
        lines.Should().Contain("| 04 | Exercises/04-Logs/LogProducer.cs | Exercises/04-Logs/LogProducer.cs(42,2): error CS1031: Type expected |");
        lines.Should().Contain("**Ignored: changed outside Exercises/** (2) — not used for this grade:");
        lines.Should().Contain(["- changed: Exercises.Tests/05-GameLeaderboard/GameLeaderboardTests.cs", "- removed: Capstone/ (93 files)"]);
    }

    [Fact]
    public void An_in_place_report_says_nothing_of_pristine_grading()
    {
        GradedTest[] tests = [Test("01", "Seed_example", TestOutcome.Passed)];

        MarkdownReport.Write(new GradeReport("Exercises", "/checkout", [], Score.Of(tests), tests)).Should().NotContain("pristine").And.NotContain("Ignored");
    }

    // The bullet lines between a lesson's heading and the next heading.
    private static List<string> Under(List<string> section, string heading)
    {
        section.Should().Contain(heading);
        return [.. section.SkipWhile(l => l != heading).Skip(1).TakeWhile(l => !l.StartsWith("### ", StringComparison.Ordinal)).Where(l => l.StartsWith("- ", StringComparison.Ordinal))];
    }

    private static GradedTest Test(string lesson, string method, TestOutcome outcome, string? message = null) =>
        new(new CatalogTest($"Workbook.Lesson{lesson}Tests", method, lesson, "Beginner", "Redis", ["Basic data types"]),
            [new TestResult($"Workbook.Lesson{lesson}Tests.{method}", method, outcome, message)]);
}
