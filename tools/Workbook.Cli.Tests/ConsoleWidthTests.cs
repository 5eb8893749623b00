namespace Workbook.Cli.Tests;

public sealed class ConsoleWidthTests
{
    [Theory]
    [InlineData("150", false, 80, 150)]
    [InlineData("150", true, null, 150)]
    [InlineData(null, true, null, ConsoleWidth.Unbounded)]
    [InlineData("junk", true, null, ConsoleWidth.Unbounded)]
    [InlineData(null, false, 211, 211)]
    public void COLUMNS_wins_then_a_pipe_is_unbounded_then_the_terminal_decides(string? columns, bool redirected, int? terminal, int expected) =>
        ConsoleWidth.Choose(columns, redirected, terminal).Should().Be(expected);

    [Fact]
    public void A_terminal_that_reports_nothing_is_left_to_Spectre() =>
        ConsoleWidth.Choose(null, outputRedirected: false, terminalWidth: 0).Should().BeNull();

    [Fact]
    public async Task Progress_rows_do_not_wrap_when_the_output_is_piped()
    {
        var page = Hints.LessonDocs.Lessons(Path.Combine(RepositoryRoot.Path, "docs", "lessons"));
        var help = await Cli.RunAsync(RepositoryRoot.Path, "--help");

        help.ExitCode.Should().Be(0, help.ToString());
        help.Stdout.Split('\n').Should().Contain(
            line => line.Contains("watch", StringComparison.Ordinal) && line.Contains("Rerun a lesson's tests on every save", StringComparison.Ordinal),
            $"with the output piped the help table is {ConsoleWidth.Unbounded} columns wide, so the watch row's description stays on one line; {page.Count} lessons");
    }
}
