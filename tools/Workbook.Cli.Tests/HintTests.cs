using System.Text.RegularExpressions;
using Workbook.Cli.Hints;

namespace Workbook.Cli.Tests;

public sealed class HintTests
{
    private static readonly string Docs = Path.Combine(RepositoryRoot.Path, "docs", "lessons");

    [Fact]
    public async Task Tiers_unlock_in_order()
    {
        var lesson = Hints.LessonDocs.Lessons(Path.Combine(RepositoryRoot.Path, "docs", "lessons")).First();

        var first = await Cli.RunAsync(RepositoryRoot.Path, "hint", lesson);
        var second = await Cli.RunAsync(RepositoryRoot.Path, "hint", lesson, "--level", "2");
        var all = await Cli.RunAsync(RepositoryRoot.Path, "hint", lesson, "--level", "3");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().Contain("Hint 1").And.NotContain("Hint 2").And.Contain($"--level 2");
        second.Stdout.Should().Contain("Hint 1").And.Contain("Hint 2").And.NotContain("Hint 3");
        all.Stdout.Should().Contain("Hint 3");
    }

    [Fact]
    public void The_numbered_list_under_Hints_is_the_tiers()
    {
        var page = Path.Combine(Path.GetTempPath(), $"99-test-{Guid.NewGuid():N}.md");
        File.WriteAllText(page, "# Lesson 99 — Test\n\n## Hints\n\n1. Nudge\n   continued.\n2. Commands: `GET`.\n3. Shape.\n\n## Next\n\n1. Not a hint.\n");
        try
        {
            Hints.LessonDocs.Hints(page).Should().Equal("Nudge continued.", "Commands: `GET`.", "Shape.");
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Fact]
    public async Task The_footer_is_a_command_that_runs_from_the_root_and_shows_the_next_tier()
    {
        var first = await Cli.RunAsync(RepositoryRoot.Path, "hint", "06");

        first.ExitCode.Should().Be(0, first.ToString());
        var lines = first.Stdout.Split('\n');
        var more = Array.FindIndex(lines, l => l.EndsWith("More:", StringComparison.Ordinal));
        more.Should().BeGreaterThanOrEqualTo(0, first.Stdout);
        var command = lines[more + 1].Trim();
        command.Should().Be("dotnet run --project tools/Workbook.Cli -- hint 06 --level 2", "the footer is copied and pasted into a shell at the root");
        Directory.Exists(Path.Combine(RepositoryRoot.Path, "tools", "Workbook.Cli")).Should().BeTrue("--project names the CLI's folder relative to the root");

        var next = await Cli.RunAsync(RepositoryRoot.Path, command[HintCommandLine.Workbook.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        next.ExitCode.Should().Be(0, next.ToString());
        next.Stdout.Should().Contain("Hint 2").And.NotContain("Hint 3");
    }

    [Theory]
    [InlineData("b1", "B1")]
    [InlineData("B2", "B2")]
    [InlineData("b3", "B3")]
    [InlineData("6", "06")]
    public async Task A_lesson_is_found_in_any_case(string typed, string lesson)
    {
        var result = await Cli.RunAsync(RepositoryRoot.Path, "hint", typed);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain($"Lesson {lesson} — {LessonDocs.Title(Docs, lesson)}").And.Contain("Hint 1")
            .And.Contain($"hint {lesson} --level 2");
    }

    [Fact]
    public async Task An_unknown_lesson_lists_every_lesson_the_bonus_pages_included()
    {
        var result = await Cli.RunAsync(RepositoryRoot.Path, "hint", "42");

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Stderr.Should().Contain("01, 02").And.Contain("12, B1, B2, B3");
    }

    [Fact]
    public void Lessons_are_the_two_digit_and_bonus_pages_in_order_and_Find_ignores_case()
    {
        var folder = Directory.CreateTempSubdirectory("lesson-docs-");
        try
        {
            foreach (var name in new[] { "b2-exactly-once.md", "12-lag.md", "01-views.md", "B1-stampede.md", "README.md", "instructors.md", "1-short.md" })
            {
                File.WriteAllText(Path.Combine(folder.FullName, name), "# Lesson — x\n");
            }

            LessonDocs.Lessons(folder.FullName).Should().Equal("01", "12", "B1", "B2");
            LessonDocs.Find(folder.FullName, "B2").Should().EndWith("b2-exactly-once.md");
            LessonDocs.Find(folder.FullName, "b1").Should().EndWith("B1-stampede.md");
            LessonDocs.Find(folder.FullName, "1").Should().EndWith("01-views.md");
            LessonDocs.Find(folder.FullName, "B3").Should().BeNull();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_lesson_page_bonus_pages_included_has_the_three_tiers_and_its_nudge_names_no_command()
    {
        string[] commands = ["INCR", "ZADD", "ZRANGE", "ZREVRANK", "ZREVRANGE", "ZSCORE", "ZCARD", "ZCOUNT", "ZREMRANGEBYSCORE", "HSET", "HGET",
            "HGETALL", "DEL", "EXISTS", "PEXPIRE", "EXPIRE", "SET", "GET", "LPOP", "RPUSH", "LLEN", "EVAL", "MULTI", "PUBLISH", "SUBSCRIBE",
            "WAIT", "CLUSTER", "ScriptEvaluateAsync", "StoreOffset", "Commit(", "ProduceAsync", "SendOffsetsToTransaction", "IAdminClient",
            "ConcurrentDictionary", "Interlocked", "TimeProvider"];
        var lessons = LessonDocs.Lessons(Docs);
        lessons.Should().Contain(["01", "12", "B1", "B2", "B3"]);

        foreach (var lesson in lessons)
        {
            var tiers = LessonDocs.Hints(LessonDocs.Find(Docs, lesson)!);
            tiers.Should().HaveCount(3, $"lesson {lesson}: `hint --level` goes from 1 to 3 (a nudge, the commands, the shape), so a fourth tier could never be shown");
            var nudge = Regex.Replace(tiers[0], @"\[[^\]]*\]\([^)]*\)", string.Empty);
            commands.Where(command => Regex.IsMatch(nudge, $@"(?<![A-Za-z]){Regex.Escape(command)}(?![A-Za-z])"))
                .Should().BeEmpty($"lesson {lesson}: tier 1 points at the catch; the commands wait for tier 2. Tier 1: {tiers[0]}");
        }
    }
}
