using Workbook.Cli.ClassGrading;

namespace Workbook.Cli.Tests;

public sealed class RosterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workbook-roster-tests-").FullName;

    [Fact]
    public void A_roster_file_names_students_with_paths_relative_to_itself()
    {
        var roster = Write("roster.csv", "name,path\n# a comment\n\nada, ada\nben,/abs/ben\n");

        Roster.FromFile(roster).Should().Equal(new Student("ada", Path.Combine(_folder, "ada")), new Student("ben", "/abs/ben"));
    }

    [Theory]
    [InlineData("ada\n", "expected name,path")]
    [InlineData("../x,ada\n", "not a usable student name")]
    [InlineData("ada,a\nADA,b\n", "there twice")]
    [InlineData("name,path\n", "names no student")]
    public void A_bad_roster_line_is_named(string text, string message)
    {
        var act = () => Roster.FromFile(Write("bad.csv", text));

        act.Should().Throw<UsageException>().WithMessage($"*{message}*");
    }

    [Fact]
    public async Task Checkouts_that_cannot_be_graded_get_a_row_of_zeros_and_exit_code_3()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "no-exercises", "docs"));
        var roster = Write("roster.csv", "gone,./nowhere\nempty,no-exercises\n");
        var output = Path.Combine(_folder, "out");

        var result = await Cli.RunAsync(_folder, "grade", "--roster", roster, "--out", output, "--format", "markdown");

        result.ExitCode.Should().Be(3, result.ToString());
        var rows = File.ReadAllLines(Path.Combine(output, "gradebook.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Select(r => r[0]).Should().Equal("gone", "empty");
        var header = File.ReadAllLines(Path.Combine(output, "gradebook.csv"))[0].Split(',');
        rows.Select(r => r[Array.IndexOf(header, "status")]).Should().Equal("missing", "no-exercises");
        rows.SelectMany(r => r.Skip(1).Take(Array.IndexOf(header, "status") - 1)).Should().OnlyContain(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) == 0, "a student not graded scores 0 in every column and in total");
        header.Should().Contain("lesson 01", "the lessons of our tests name the columns even when nobody was graded");
        File.ReadAllText(Path.Combine(output, "reports", "gone.md")).Should().Contain("**Not graded** (missing)");
        File.ReadAllText(Path.Combine(output, "summary.md")).Should().Contain("2 students: 0 graded, 2 not graded");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
