namespace Workbook.Cli.Tests;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("No lesson 42", "hint", "42")]
    [InlineData("--level must be 1, 2 or 3", "hint", "06", "--level", "5")]
    [InlineData("Unknown format 'xml'", "grade", "--format", "xml")]
    [InlineData("Unknown target 'Answers'", "grade", "--target", "Answers")]
    [InlineData("does not exist", "grade", "--results", "/no/such/results")]
    [InlineData("is not a workbook checkout", "grade", "--exercises", "/tmp")]
    [InlineData("No lesson 42", "watch", "42")]
    [InlineData("--results is for grade and progress", "watch", "--results", "/tmp")]
    [InlineData("Unknown target 'Answers'", "watch", "--target", "Answers")]
    public async Task Get_one_clear_line_and_a_non_zero_exit(string expected, params string[] arguments)
    {
        var result = await Cli.RunAsync(RepositoryRoot.Path, arguments);

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Stderr.Should().Contain(expected);
        result.Stderr.Trim().Split('\n').Should().ContainSingle(result.ToString());
        result.Output.Should().NotContain("   at ").And.NotContain("Exception");
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error_without_a_stack_trace()
    {
        var result = await Cli.RunAsync(RepositoryRoot.Path, "gradee");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("gradee").And.NotContain("   at ");
    }
}
