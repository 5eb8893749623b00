using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbook.Cli.Tests;

[Collection(nameof(GradedClass))]
public sealed partial class ClassGradeTests(GradedClass graded)
{
    private static readonly string[] Students = ["ada", "ben", "cy"];

    [Fact]
    public void One_class_run_writes_the_gradebook_a_report_per_student_and_the_summary()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, graded.Timings));
        graded.Run.ExitCode.Should().Be(0, "every student was graded, however low: " + graded.Run);
        File.Exists(Path.Combine(graded.Out, "summary.md")).Should().BeTrue();
        Directory.GetFiles(Path.Combine(graded.Out, "reports")).Select(Path.GetFileName).Should().BeEquivalentTo(Students.Select(s => s + ".json"));

        var rows = Gradebook();
        rows[0].Take(7).Should().Equal("name", "Beginner Redis", "Beginner Kafka", "Intermediate Redis", "Intermediate Kafka", "Advanced Redis", "Advanced Kafka");
        rows[0].Should().Contain(["lesson 01", "lesson 12", "lesson B1", "total", "status", "notes"]);
        rows.Skip(1).Select(r => r[0]).Should().Equal(Students);
        var total = Array.IndexOf(rows[0], "total");
        var status = Array.IndexOf(rows[0], "status");
        var totals = rows.Skip(1).ToDictionary(r => r[0], r => double.Parse(r[total], CultureInfo.InvariantCulture));
        totals["ada"].Should().Be(100, "the reference answers pass every test");
        totals["ben"].Should().BeGreaterThan(0).And.BeLessThan(totals["ada"]);
        totals["cy"].Should().Be(0, "nothing of cy's compiles");
        rows.Skip(1).Select(r => r[status]).Should().Equal("graded", "graded-with-problems", "graded-with-problems");
        foreach (var student in Students)
        {
            using var report = graded.Report(student);
            report.RootElement.GetProperty("totalScore").GetDouble().Should().Be(totals[student], "the gradebook and the report agree");
        }
    }

    [Fact]
    public void Tests_edited_to_pass_on_stubs_and_a_csproj_that_pulls_in_Solutions_score_zero_and_are_named_as_ignored()
    {
        using var report = graded.Report("ben");
        var root = report.RootElement;

        Passed(root, "05").Should().Be(0, "ben's lesson 05 is the stub; his edited tests were not used");
        Passed(root, "06").Should().Be(0, "ben's lesson 06 is the stub; his csproj's Solutions/ was not used");
        Cell(root, "Intermediate", "Redis").GetProperty("passed").GetInt32().Should().Be(0, "lessons 05, 06 and 11 are all stubs");
        var grading = root.GetProperty("grading");
        grading.GetProperty("mode").GetString().Should().Be("pristine");
        grading.GetProperty("ignored").EnumerateArray().Select(c => (c.GetProperty("path").GetString(), c.GetProperty("change").GetString()))
            .Should().BeEquivalentTo([(GradedClass.FakedTests, "changed"), (GradedClass.PullsSolutions, "changed")], "exactly what ben changed outside Exercises/**/*.cs");
        root.GetProperty("schemaVersion").GetInt32().Should().Be(2);
    }

    [Fact]
    public void A_lesson_that_does_not_compile_costs_that_lesson_alone_and_the_report_names_the_file_and_the_error()
    {
        using var ben = graded.Report("ben");
        var problems = ben.RootElement.GetProperty("grading").GetProperty("lessons").EnumerateArray().ToList();

        problems.Should().ContainSingle();
        problems[0].GetProperty("lesson").GetString().Should().Be(GradedClass.BrokenLesson);
        problems[0].GetProperty("status").GetString().Should().Be("compile-error");
        problems[0].GetProperty("file").GetString().Should().Be(graded.BrokenFile);
        problems[0].GetProperty("detail").GetString().Should().StartWith(graded.BrokenFile + "(").And.Contain(": error CS");
        Passed(ben.RootElement, GradedClass.BrokenLesson).Should().Be(0);
        foreach (var lesson in new[] { "01", "02", "03" })
        {
            Passed(ben.RootElement, lesson).Should().Be(Counted(ben.RootElement, lesson), $"ben's solved lesson {lesson} keeps its marks beside a lesson that does not compile");
        }

        using var cy = graded.Report("cy");
        var lessons = cy.RootElement.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("lesson").GetString()!).Distinct()
            .Where(l => Directory.GetDirectories(Path.Combine(graded.ClassFolder, "cy", "Exercises"), l + "-*").Length > 0);
        cy.RootElement.GetProperty("grading").GetProperty("lessons").EnumerateArray()
            .Where(p => p.GetProperty("status").GetString() == "compile-error")
            .Select(p => p.GetProperty("lesson").GetString())
            .Should().BeEquivalentTo(lessons, "each of cy's lessons is named with its own error");
    }

    [Fact]
    public void The_summary_puts_the_least_passed_tests_first_and_gives_each_lessons_mean()
    {
        var summary = File.ReadAllLines(Path.Combine(graded.Out, "summary.md"));

        var rates = summary.SkipWhile(l => l != "## Tests — least passed first").Select(l => PassedBy().Match(l)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["passed"].Value, CultureInfo.InvariantCulture)).ToList();
        rates.Should().NotBeEmpty().And.BeInAscendingOrder("what the class did not get comes first");
        rates.Should().Contain(1, "tests only ada passed").And.Contain(2, "lesson 01-03 tests ada and ben passed");
        summary.Should().Contain(l => l.StartsWith("| 01 | 66.7 % | 2 |", StringComparison.Ordinal), "lesson 01: ada and ben full, cy 0");
        summary.Should().Contain(l => l.StartsWith("| 04 | 33.3 % | 1 | 2 |", StringComparison.Ordinal), "lesson 04: only ada; ben's and cy's did not compile");
    }

    [Fact]
    public void The_summary_flags_lessons_near_identical_to_Solutions_without_judging()
    {
        var summary = File.ReadAllLines(Path.Combine(graded.Out, "summary.md"));

        var section = summary.SkipWhile(l => l != "## Similar code — look at it").ToList();
        section.Should().NotBeEmpty("the class summary ends with the similarity signal");
        section.Should().Contain(l => l.StartsWith("| 01 | ada |", StringComparison.Ordinal) && l.EndsWith("| Solutions/ |", StringComparison.Ordinal),
            "ada's lesson 01 is the reference answer copied");
        section.Should().NotContain(l => l.Contains("| cy", StringComparison.Ordinal), "nothing of cy's was graded");
    }

    private static int Passed(JsonElement report, string lesson) => Results(report, lesson).Count(r => r.GetProperty("outcome").GetString() == "Passed");

    private static int Counted(JsonElement report, string lesson) => Results(report, lesson).Count(r => r.GetProperty("outcome").GetString() != "Skipped");

    private static IEnumerable<JsonElement> Results(JsonElement report, string lesson) =>
        report.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("lesson").GetString() == lesson).SelectMany(t => t.GetProperty("results").EnumerateArray());

    private static JsonElement Cell(JsonElement report, string level, string skill) =>
        report.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("level").GetString() == level && c.GetProperty("skill").GetString() == skill);

    // Our gradebook quotes no field of these three students (no commas in names or notes).
    private List<string[]> Gradebook() => [.. File.ReadAllLines(Path.Combine(graded.Out, "gradebook.csv")).Select(l => l.Split(','))];

    [GeneratedRegex(@"^\| (?<passed>\d+) of 3 \(")]
    private static partial Regex PassedBy();
}
