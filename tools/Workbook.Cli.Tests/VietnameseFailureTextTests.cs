using System.Globalization;
using Workbook.Cli.Catalog;
using Workbook.Cli.Grading;
using Workbook.Cli.Localization.Teaching;
using Workbook.Cli.Progress;
using Workbook.Cli.Results;
using Workbook.Cli.Watch;
using TestResult = Workbook.Cli.Results.TestResult;

namespace Workbook.Cli.Tests;

/// <summary>In Vietnamese a failing test's English text is followed by its teaching text and its stub's translation; in English nothing changes.</summary>
public sealed class VietnameseFailureTextTests
{
    private const string Class = "Workbook.Exercises.Tests.Lesson01.ArticleViewsTests";
    private const string Method = "Seed_example_counts_views_and_ranks_articles";
    private const string Stub = "Lesson 01: implement ArticleViews.ViewAsync — count one view and move the article to its new count in the ranking, as one step, and return that count. Read docs/lessons/01-article-views.md; stuck? workbook hint 01";

    private static readonly string Details = "System.NotImplementedException: " + Stub + Environment.NewLine + "   at Workbook.Exercises.Lesson01.ArticleViews.ViewAsync(Int64 articleId) in Exercises/01-ArticleViews/ArticleViews.cs:line 25";

    [Fact]
    public void The_watch_verdict_in_Vietnamese_is_the_English_text_then_the_test_and_stub_texts()
    {
        var english = In("en", () => Verdict());
        var vietnamese = In("vi", () => Verdict());

        english.Should().NotContain(VietnameseTeaching.Marker, "English output is what it always was");
        english.Should().Contain("    System.NotImplementedException: " + Stub);
        // The labels around the failure are translated too (WatchText); the failure text itself stays English.
        var teaching = Expected("    ");
        vietnamese.Should().EndWith(teaching, "the Vietnamese lines come after the failure");
        var failureLines = english.Split(Environment.NewLine).Where(line => line.Contains(Stub, StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        vietnamese[..^teaching.Length].Split(Environment.NewLine).Should().Contain(failureLines, "the failure's English text and its frames are printed unchanged before the Vietnamese lines");
    }

    [Fact]
    public void The_grade_report_in_Vietnamese_adds_the_texts_under_the_failing_test()
    {
        var english = In("en", () => MarkdownReport.Write(Report()));
        var vietnamese = In("vi-VN", () => MarkdownReport.Write(Report()));

        english.Should().Contain($"- `{Method}` — {Stub}\n").And.NotContain(VietnameseTeaching.Marker);
        vietnamese.Should().Contain($"- `{Method}` — {Stub}\n" + Expected("  - ").ReplaceLineEndings("\n"), "vi-VN is Vietnamese too: the failing test's English message, then its Vietnamese texts as sub-items");
    }

    [Fact]
    public void A_test_without_a_stub_message_gets_only_its_teaching_text()
    {
        var lines = In("vi", () => VietnameseTeaching.Lines(Class + "." + Method, ["Expected 2 views but found 1."]));

        lines.Should().Equal(VietnameseTeaching.Marker + TestText());
    }

    private static string Verdict()
    {
        using var output = new StringWriter();
        var test = Failing();
        var progress = new LessonProgress("01", "Article views", "Beginner", "Redis", Score.Of([test]), [test]);
        new PlainWatchView(output).Verdict(new LessonVerdict(progress, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null, null), new WorkbookStanding(["01"], l => l));
        return output.ToString();
    }

    private static GradeReport Report()
    {
        var test = Failing();
        return new GradeReport("Exercises", "/checkout", [], Score.Of([test]), [test]);
    }

    private static GradedTest Failing() => new(
        new CatalogTest(Class, Method, "01", "Beginner", "Redis", []),
        [new TestResult($"{Class}.{Method}", Method, TestOutcome.Failed, Stub, Details)]);

    private static string Expected(string indent)
    {
        var stub = In("vi", () => VietnameseTeaching.StubTexts.GetString("01 ArticleViews.ViewAsync", CultureInfo.CurrentUICulture));
        stub.Should().StartWith("Bài 01: hãy cài đặt ArticleViews.ViewAsync — ");
        return indent + VietnameseTeaching.Marker + TestText() + Environment.NewLine + indent + VietnameseTeaching.Marker + stub + Environment.NewLine;
    }

    private static string TestText()
    {
        var text = In("vi", () => VietnameseTeaching.TestTexts.GetString($"{Class}.{Method}", CultureInfo.CurrentUICulture));
        text.Should().NotBeNullOrEmpty().And.NotBe(VietnameseTeaching.TestTexts.GetString($"{Class}.{Method}", CultureInfo.InvariantCulture));
        return text!;
    }

    private static T In<T>(string culture, Func<T> run)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
