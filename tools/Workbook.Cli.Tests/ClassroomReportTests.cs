using System.Text.Json;
using Workbook.Cli.Catalog;
using Workbook.Cli.Classroom;
using Workbook.Cli.Grading;
using Workbook.Cli.Results;
using Workbook.Cli.Running;
using TestResult = Workbook.Cli.Results.TestResult;

namespace Workbook.Cli.Tests;

public sealed class ClassroomReportTests
{
    [Fact]
    public void Each_cell_with_tests_is_one_classroom_test_worth_its_share_of_100_scored_from_its_credit()
    {
        GradedTest[] tests =
        [
            Test("01", "Beginner", "Redis", "A", TestOutcome.Passed),
            Test("01", "Beginner", "Redis", "B", TestOutcome.Passed),
            Test("04", "Beginner", "Kafka", "C", TestOutcome.Passed),
            Test("04", "Beginner", "Kafka", "D", TestOutcome.Failed, "offset not committed"),
            Test("04", "Beginner", "Kafka", "E", TestOutcome.NotRun),
            Test("05", "Intermediate", "Redis", "F", TestOutcome.Failed),
            Test("05", "Intermediate", "Redis", "G", TestOutcome.Skipped),
        ];

        var json = JsonDocument.Parse(ClassroomReport.Write(Report(tests))).RootElement;

        json.GetProperty("version").GetInt32().Should().Be(1);
        json.GetProperty("max_score").GetInt32().Should().Be(100);
        json.GetProperty("status").GetString().Should().Be("fail", "not every cell is full");
        var cells = json.GetProperty("tests").EnumerateArray().ToList();
        cells.Select(c => c.GetProperty("name").GetString()).Should().Equal(
            ["Beginner · Redis (lesson 01)", "Beginner · Kafka (lesson 04)", "Intermediate · Redis (lesson 05)"],
            "the cells with tests, in the seed's order; the three cells without tests are worth nothing and left out");

        // 100 over 3 cells: 34, 33, 33. Credit 2/2, 1/3 and 0/1 (the skipped test counts for neither side).
        cells.Select(c => c.GetProperty("score").GetInt32()).Should().Equal(34, 11, 0);
        cells.Select(c => c.GetProperty("status").GetString()).Should().Equal("pass", "fail", "fail");
        cells[1].GetProperty("message").GetString().Should().Be("1 of 3 (33 %) tests passed: 11 of 33 points. Not passing yet: lesson 04 (2).");
        cells[1].GetProperty("test_code").GetString().Should().Be("dotnet test Exercises.Tests --filter \"Level=Beginner&Skill=Kafka\"");
        cells.Should().AllSatisfy(c => c.GetProperty("line_no").GetInt32().Should().Be(0, "the reporter prints a source line unless it is 0"));
    }

    [Fact]
    public void Full_credit_everywhere_is_exactly_the_max_score_and_passes()
    {
        GradedTest[] tests = [.. SeedRubric.Levels.SelectMany(level => SeedRubric.Skills.Select(skill => Test("01", level, skill, level + skill, TestOutcome.Passed)))];

        var json = JsonDocument.Parse(ClassroomReport.Write(Report(tests))).RootElement;

        json.GetProperty("status").GetString().Should().Be("pass");
        var scores = json.GetProperty("tests").EnumerateArray().Select(c => c.GetProperty("score").GetInt32()).ToList();
        scores.Should().Equal(17, 17, 17, 17, 16, 16);
        scores.Sum().Should().Be(json.GetProperty("max_score").GetInt32());
    }

    [Fact]
    public void A_run_with_nothing_counted_is_one_failing_test_with_zero_points()
    {
        var json = JsonDocument.Parse(ClassroomReport.Write(Report([]))).RootElement;

        json.GetProperty("status").GetString().Should().Be("fail");
        var only = json.GetProperty("tests").EnumerateArray().Should().ContainSingle().Subject;
        only.GetProperty("score").GetInt32().Should().Be(0);
        only.GetProperty("status").GetString().Should().Be("fail");
    }

    [Theory]
    [InlineData(100, 6, new[] { 17, 17, 17, 17, 16, 16 })]
    [InlineData(100, 4, new[] { 25, 25, 25, 25 })]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    [InlineData(100, 0, new int[0])]
    public void Points_are_split_in_whole_numbers_that_add_up_to_the_max(int max, int cells, int[] expected)
    {
        CellPoints.Split(max, cells).Should().Equal(expected);
        CellPoints.Split(max, cells).Sum().Should().Be(cells == 0 ? 0 : max);
    }

    [Theory]
    [InlineData(1.0, 17, 17)]
    [InlineData(0.99, 17, 16)]
    [InlineData(0.1, 30, 3)]
    [InlineData(0.0, 17, 0)]
    public void Earned_points_round_down_so_full_points_need_every_test(double credit, int points, int expected) =>
        CellPoints.Earned(credit, points).Should().Be(expected);

    [Fact]
    public void The_classroom_points_come_from_the_same_grading_as_the_json_report()
    {
        GradedTest[] tests =
        [
            Test("01", "Beginner", "Redis", "A", TestOutcome.Passed),
            Test("02", "Beginner", "Redis", "B", TestOutcome.Failed),
            Test("02", "Beginner", "Redis", "C", TestOutcome.Passed),
            Test("07", "Intermediate", "Kafka", "D", TestOutcome.Passed),
            Test("08", "Advanced", "Redis", "E", TestOutcome.Failed),
        ];
        var report = Report(tests);

        var classroom = JsonDocument.Parse(ClassroomReport.Write(report)).RootElement;
        var json = JsonDocument.Parse(JsonReport.Write(report)).RootElement;

        var cellsWithTests = json.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("credit").ValueKind != JsonValueKind.Null).ToList();
        var classroomCells = classroom.GetProperty("tests").EnumerateArray().ToList();
        classroomCells.Should().HaveCount(cellsWithTests.Count);
        var points = CellPoints.Split(ClassroomReport.MaxScore, cellsWithTests.Count);
        for (var i = 0; i < cellsWithTests.Count; i++)
        {
            var credit = cellsWithTests[i].GetProperty("credit").GetDouble();
            classroomCells[i].GetProperty("name").GetString().Should().StartWith($"{cellsWithTests[i].GetProperty("level").GetString()} · {cellsWithTests[i].GetProperty("skill").GetString()}");
            classroomCells[i].GetProperty("score").GetInt32().Should().Be((int)Math.Floor(credit * points[i] + 1e-9));
        }

        var total = classroomCells.Sum(c => c.GetProperty("score").GetInt32());
        var totalScore = json.GetProperty("totalScore").GetDouble();
        total.Should().BeLessThanOrEqualTo((int)Math.Ceiling(totalScore), "rounding down never gives more than the JSON total");
        total.Should().BeGreaterThan((int)totalScore - cellsWithTests.Count - 1, "each cell loses less than one point to rounding, plus the uneven split");
    }

    // Through the real grader, as `workbook grade` does, so the cells and credits are the JSON report's.
    private static GradeReport Report(IReadOnlyList<GradedTest> tests) =>
        Grader.Grade(new TestRun(
            WorkbookRoot.Find(RepositoryRoot.Path),
            WorkbookTarget.Exercises,
            new TestCatalog([.. tests.Select(t => t.Test)]),
            [.. tests.SelectMany(t => t.Results)]));

    private static GradedTest Test(string lesson, string level, string skill, string method, TestOutcome outcome, string? message = null) =>
        new(new CatalogTest($"Workbook.Lesson{lesson}Tests", method, lesson, level, skill, []),
            [new TestResult($"Workbook.Lesson{lesson}Tests.{method}", method, outcome, message)]);
}
