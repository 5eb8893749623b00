using System.Text.RegularExpressions;
using Workbook.Cli.Hints;

namespace Workbook.Cli.Tests;

/// <summary>The workbook command in Vietnamese, as a student runs it: the language flag, variable and locale, and hint.</summary>
public sealed class LanguageCliTests : IDisposable
{
    // No locale of the machine running the tests may choose the language for us.
    private static readonly Dictionary<string, string?> NoLocale = new()
    {
        ["WORKBOOK_LANG"] = null,
        ["LC_ALL"] = null,
        ["LC_MESSAGES"] = null,
        ["LANG"] = "en_US.UTF-8",
    };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("workbook-vi-");

    public LanguageCliTests()
    {
        Write("Exercises.Tests/Workbook.Exercises.Tests.csproj", "<Project />\n");
        Write("docs/lessons/06-rate-limiter.md", "# Lesson 06 — Sliding-window rate limiter\n\n## Hints\n\n1. The catch is atomicity.\n2. Commands: `ZADD`.\n3. The shape.\n");
        Write("docs/vi/lessons/06-rate-limiter.md", "# Bài 06 — Bộ giới hạn tốc độ cửa sổ trượt <!-- en: Lesson 06 — Sliding-window rate limiter -->\n\n" +
            "## Gợi ý <!-- en: Hints -->\n\n1. Cái bẫy là tính nguyên tử.\n   Hãy nghĩ tới nó.\n2. Các lệnh: `ZADD`.\n3. Hình dáng.\n");
        Write("docs/lessons/01-article-views.md", "# Lesson 01 — Article views\n\n## Hints\n\n1. Keep them in step.\n2. `INCR`.\n3. One script.\n");
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task WORKBOOK_LANG_vi_shows_the_Vietnamese_tiers_one_and_two_from_docs_vi()
    {
        var result = await RunAsync(new() { ["WORKBOOK_LANG"] = "vi" }, "hint", "06", "--level", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Bài 06 — Bộ giới hạn tốc độ cửa sổ trượt").And.NotContain("<!--")
            .And.Contain("Gợi ý 1 — gợi ý nhẹ").And.Contain("Cái bẫy là tính nguyên tử. Hãy nghĩ tới nó.")
            .And.Contain("Gợi ý 2 — các lệnh nên xem").And.Contain("Các lệnh: `ZADD`.")
            .And.NotContain("Gợi ý 3").And.NotContain("Hint 1")
            .And.Contain("docs/vi/lessons/06-rate-limiter.md").And.Contain("hint 06 --level 3");
    }

    [Theory]
    [InlineData("vi", "Hint 1 — a nudge", "--lang", "en", "hint", "06")]
    [InlineData("en", "Gợi ý 1 — gợi ý nhẹ", "hint", "06", "--lang", "vi")]
    [InlineData("vi", "Hint 1 — a nudge", "hint", "06", "--lang=en")]
    [InlineData("vi", "Gợi ý 1 — gợi ý nhẹ", "hint", "06")]
    public async Task The_flag_before_or_after_the_verb_wins_over_WORKBOOK_LANG(string variable, string expected, params string[] arguments)
    {
        var result = await RunAsync(new() { ["WORKBOOK_LANG"] = variable }, arguments);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(expected);
    }

    [Fact]
    public async Task A_Vietnamese_locale_speaks_Vietnamese_and_prints_the_same_numbers()
    {
        var vietnamese = await RunAsync(new() { ["LANG"] = "vi_VN.UTF-8" }, "hint", "06");
        var english = await RunAsync([], "hint", "06");

        vietnamese.ExitCode.Should().Be(0, vietnamese.ToString());
        vietnamese.Stdout.Should().Contain("Gợi ý 1 — gợi ý nhẹ").And.Contain("Còn 2 mức gợi ý");
        english.Stdout.Should().Contain("Hint 1 — a nudge").And.Contain("2 tier(s) left");
    }

    [Fact]
    public async Task A_lesson_without_its_Vietnamese_page_shows_the_English_hints_after_a_one_line_note()
    {
        var result = await RunAsync(new() { ["WORKBOOK_LANG"] = "vi" }, "hint", "01");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Stdout.Split('\n');
        lines[0].Should().Be("Chưa có trang tiếng Việt docs/vi/lessons/01-article-views.md: dưới đây là gợi ý bằng tiếng Anh.");
        result.Stdout.Should().Contain("Gợi ý 1 — gợi ý nhẹ").And.Contain("Keep them in step.").And.Contain("docs/lessons/01-article-views.md");
    }

    [Fact]
    public async Task An_unknown_language_is_a_usage_error()
    {
        var result = await RunAsync([], "--lang", "xx", "hint", "06");

        result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
        result.Stderr.Should().Contain("workbook: Unknown language 'xx' in --lang: use vi or en.");
        result.Output.Should().NotContain("   at ");
    }

    [Fact]
    public async Task In_this_repository_hint_06_level_2_prints_the_Vietnamese_tiers_of_docs_vi()
    {
        var page = Path.Combine(RepositoryRoot.Path, "docs", "vi", "lessons", "06-rate-limiter.md");
        File.Exists(page).Should().BeTrue("every lesson page has its Vietnamese page");
        var tiers = LessonDocs.Hints(page);

        var result = await Cli.RunAsync(RepositoryRoot.Path, With(new() { ["WORKBOOK_LANG"] = "vi" }), TestContext.Current.CancellationToken, "hint", "06", "--level", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var stdout = Regex.Replace(result.Stdout, @"\s+", " ");
        stdout.Should().Contain("Gợi ý 1").And.Contain("Gợi ý 2").And.NotContain("Gợi ý 3")
            .And.Contain(Regex.Replace(tiers[0], @"\s+", " ")).And.Contain(Regex.Replace(tiers[1], @"\s+", " "));
    }

    [Fact]
    public async Task Doctor_speaks_Vietnamese_under_a_Vietnamese_locale_with_invariant_numbers()
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = "vi_VN.UTF-8", ["WORKBOOK_REDIS"] = null, ["WORKBOOK_KAFKA"] = null, ["WORKBOOK_DOCKER"] = "0" };

        var result = await Cli.RunAsync(RepositoryRoot.Path, With(environment), TestContext.Current.CancellationToken, "doctor");

        var stdout = Regex.Replace(result.Stdout, @"\s+", " ");
        result.ExitCode.Should().Be(0, result.ToString());
        stdout.Should().Contain("kiểm tra").And.Contain("Một lần chạy test sẽ dùng:").And.Contain("Các test của bài học chạy được ở đây.")
            .And.MatchRegex(@"PING được trả lời sau \d+\.\d ms", "a Vietnamese locale writes 0,5; the CLI keeps 0.5");
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> overrides)
    {
        var environment = new Dictionary<string, string?>(NoLocale);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    private Task<CliResult> RunAsync(Dictionary<string, string?> environment, params string[] arguments) =>
        Cli.RunAsync(_root.FullName, With(environment), TestContext.Current.CancellationToken, [.. arguments, "--exercises", _root.FullName]);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
