using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console;
using Workbook.Cli.Catalog;
using Workbook.Cli.ClassGrading;
using Workbook.Cli.Doctor;
using Workbook.Cli.Grading;
using Workbook.Cli.Localization;
using Workbook.Cli.Progress;
using Workbook.Cli.Results;
using TestResult = Workbook.Cli.Results.TestResult;

namespace Workbook.Cli.Tests;

/// <summary>The CLI's texts in both languages, and the reports that must not change with the language.</summary>
public sealed class LocalizedTextTests
{
    private static readonly Type[] TextClasses = [typeof(CommonText), typeof(HintText), typeof(ProgressText), typeof(DoctorText), typeof(WatchText), typeof(GradeText)];

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Vietnamese)]
    public void Every_text_reads_and_fills_in_its_placeholders_in_both_languages(Language language)
    {
        using var scope = new UiCultureScope(language);
        foreach (var member in TextClasses.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Static)))
        {
            var text = member switch
            {
                PropertyInfo property => (string)property.GetValue(null)!,
                MethodInfo method when method.ReturnType == typeof(string) && !method.IsSpecialName =>
                    (string)method.Invoke(null, [.. method.GetParameters().Select(p => (object)("<" + p.Name + ">"))])!,
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            text.Should().NotBeNullOrWhiteSpace($"{member.DeclaringType!.Name}.{member.Name}");
            text.Should().NotMatchRegex(@"\{\d", $"{member.DeclaringType!.Name}.{member.Name} fills in every placeholder");
        }
    }

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Vietnamese)]
    public void Every_option_description_names_a_text(Language language)
    {
        using var scope = new UiCultureScope(language);
        var descriptions = typeof(TextDescriptionAttribute).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties())
            .SelectMany(p => p.GetCustomAttributes<TextDescriptionAttribute>())
            .ToList();

        descriptions.Should().NotBeEmpty();
        descriptions.Should().AllSatisfy(d => d.Description.Should().NotBeNullOrWhiteSpace(d.Key));
    }

    [Fact]
    public void The_Vietnamese_strings_are_Vietnamese_and_English_stays_the_default()
    {
        using (new UiCultureScope(Language.English))
        {
            ProgressText.ColumnStatus.Should().Be("status");
            HintText.TierHeading(1, HintText.TierNudge).Should().Be("Hint 1 — a nudge");
        }

        using (new UiCultureScope(Language.Vietnamese))
        {
            ProgressText.ColumnStatus.Should().Be("trạng thái");
            HintText.TierHeading(1, HintText.TierNudge).Should().Be("Gợi ý 1 — gợi ý nhẹ");
        }
    }

    [Fact]
    public void Progress_speaks_Vietnamese()
    {
        GradedTest[] tests = [Test("01", "Seed_example", TestOutcome.Passed), Test("01", "Ranking_equals_counter", TestOutcome.Failed), Test("02", "Save_replaces", TestOutcome.Failed)];
        var lessons = LessonProgress.Of(tests, lesson => lesson == "01" ? "Lượt xem bài viết" : null);

        var output = Render(Language.Vietnamese, console => ProgressView.Write(console, lessons));

        output.Should().Contain("trạng thái").And.Contain("đang làm: 1/2 test đạt").And.Contain("chưa bắt đầu")
            .And.Contain("Tiếp theo: bài 01 — Lượt xem bài viết (đang làm: 1/2 test đạt).")
            .And.Contain("Test đầu tiên chưa đạt: Ranking_equals_counter")
            .And.Contain("Bị kẹt? dotnet run --project tools/Workbook.Cli -- hint 01");
        output.Should().NotContain("Next:").And.NotContain("in progress");
    }

    [Fact]
    public void Doctor_speaks_Vietnamese_and_keeps_the_commands_and_variables()
    {
        var findings = new ChainFindings(null, null, DockerAnswers: false, RedisServer: null, Kcat: null);
        using var scope = new UiCultureScope(Language.Vietnamese);
        var report = new DoctorReport(
            [new DoctorCheck(".NET SDK", CheckState.Ok, "10.0.100"), new DoctorCheck(DoctorText.CheckRedisChain, CheckState.Ok, ChainAdvice.RedisChain(findings))],
            "Redis: Garnet",
            "Kafka: mock cluster",
            ChainAdvice.Gains(findings));

        var output = Regex.Replace(Render(Language.Vietnamese, console => DoctorView.Write(console, report)), @"\s+", " ");

        output.Should().Contain("kiểm tra").And.Contain("Chuỗi Redis").And.Contain("Một lần chạy test sẽ dùng:")
            .And.Contain("WORKBOOK_REDIS chưa đặt → không có Docker engine → không có redis-server trong PATH → sẽ dùng Garnet ")
            .And.Contain("sudo apt-get install redis-server")
            .And.Contain("Các test của bài học chạy được ở đây.");
        output.Should().NotContain("A test run will use");
    }

    [Fact]
    public void The_Markdown_report_speaks_Vietnamese_with_the_same_numbers()
    {
        var report = Report();

        var english = MarkdownReport.Write(report);
        string vietnamese;
        using (new UiCultureScope(Language.Vietnamese))
        {
            vietnamese = MarkdownReport.Write(report);
        }

        english.Should().Contain("## Not passing yet").And.Contain("**Total: 50.0 / 100**");
        vietnamese.Should().Contain("## Chưa đạt").And.Contain("**Tổng: 50.0 / 100**").And.Contain("### Bài 01 — 1/2 test chưa đạt")
            .And.Contain("`Ranking_equals_counter`").And.NotContain("Not passing");
    }

    [Fact]
    public void The_JSON_and_JUnit_reports_are_byte_identical_in_both_languages()
    {
        var report = Report();
        string[] english = [JsonReport.Write(report), JUnitReport.Write(report)];
        string[] vietnamese;
        using (new UiCultureScope(Language.Vietnamese))
        {
            vietnamese = [JsonReport.Write(report), JUnitReport.Write(report)];
        }

        vietnamese.Should().Equal(english, "docs/grading-json.md: keys, ids, statuses and labels are language-neutral");
        english[1].Should().Contain("value=\"1 of 2 (50 %)\"", "the JUnit rubric properties keep the English wording");
    }

    [Fact]
    public void The_class_summary_headings_speak_Vietnamese_and_its_numbers_do_not_change()
    {
        var report = Report();
        StudentResult[] results = [new(new Student("ada", "/ada"), StudentResult.Graded, string.Empty, report, new Dictionary<string, IReadOnlyList<string>>())];
        var columns = new ClassColumns([("Beginner", "Redis")], ["01", "02"]);

        var english = ClassSummary.Write(results, columns).Split('\n');
        string[] vietnamese;
        using (new UiCultureScope(Language.Vietnamese))
        {
            vietnamese = ClassSummary.Write(results, columns).Split('\n');
        }

        english.Should().Contain(["# Class summary", "## Tests — least passed first", "| 01 | 50.0 % | 0 | 0 | 0 |"]);
        vietnamese.Should().Contain(["# Tổng kết lớp", "## Các test — ít người đạt nhất trước", "| 01 | 50.0 % | 0 | 0 | 0 |", "| 02 | không có test | 0 | 0 | 0 |"]);
        vietnamese.Should().HaveSameCount(english);
    }

    private static GradeReport Report()
    {
        GradedTest[] tests = [Test("01", "Seed_example", TestOutcome.Passed), Test("01", "Ranking_equals_counter", TestOutcome.Failed, "ranking behind"), Test("02", "Needs_a_broker", TestOutcome.Skipped)];
        var catalog = new TestCatalog([.. tests.Select(t => t.Test)]);
        return Grader.Grade(catalog, [.. tests.SelectMany(t => t.Results)], "Exercises", "/checkout");
    }

    private static string Render(Language language, Action<IAnsiConsole> write)
    {
        using var scope = new UiCultureScope(language);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        write(console);
        return output.ToString();
    }

    private static GradedTest Test(string lesson, string method, TestOutcome outcome, string? message = null) =>
        new(new CatalogTest($"Workbook.Lesson{lesson}Tests", method, lesson, "Beginner", "Redis", ["Basic data types"]),
            [new TestResult($"Workbook.Lesson{lesson}Tests.{method}", method, outcome, message)]);
}
