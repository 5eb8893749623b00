namespace Workbook.Cli.Tests;

public sealed class HintTests
{
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
}
