using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using Workbook.Cli.Commands;
using YamlDotNet.RepresentationModel;

namespace Workbook.Cli.Tests;

/// <summary>The GitHub Classroom workflow a teacher copies from <c>deploy/classroom/</c>: it parses, and it names what exists.</summary>
public sealed partial class ClassroomWorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepositoryRoot.Path, "deploy", "classroom", "classroom.yml");

    [Fact]
    public void The_workflow_has_the_names_the_grading_reporter_looks_for()
    {
        var workflow = Load();

        // The reporter finds its check run by these names to post "Points x/y" to Classroom.
        Scalar(workflow, "name").Should().Be("Autograding Tests");
        var job = Map(Map(workflow, "jobs"), "run-autograding-tests");
        Scalar(Map(workflow, "permissions"), "checks").Should().Be("write");
        int.Parse(Scalar(job, "timeout-minutes"), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(21, 60, "a backstop above the grade's own 20-minute bound");
        Scalar(Map(job, "env"), "WORKBOOK_DOCKER").Should().Be("0");
    }

    [Fact]
    public void The_sdk_comes_from_global_json()
    {
        var steps = Steps(Load());

        var setup = steps.Should().ContainSingle(s => Uses(s).StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)).Subject;
        var file = Scalar(Map(setup, "with"), "global-json-file");
        File.Exists(Path.Combine(RepositoryRoot.Path, file)).Should().BeTrue($"the workflow installs the SDK that {file} names, at the repository root");
        steps.IndexOf(setup).Should().BeGreaterThan(steps.FindIndex(s => Uses(s).StartsWith("actions/checkout@", StringComparison.Ordinal)), "global.json is read from the checkout");
    }

    [Fact]
    public async Task The_grade_step_runs_a_grade_command_the_cli_has_within_a_stated_bound()
    {
        var run = Scalar(GradeStep(Load()), "run");

        var command = GradeCommandLine().Match(run);
        command.Success.Should().BeTrue($"the step runs the workbook's grade verb under `timeout`:\n{run}");
        Directory.Exists(Path.Combine(RepositoryRoot.Path, command.Groups["project"].Value)).Should().BeTrue("dotnet run --project names the CLI's folder");
        command.Groups["bound"].Value.Should().Be("20m");

        var arguments = command.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        arguments[0].Should().Be("grade");
        var help = await Cli.RunAsync(RepositoryRoot.Path, "grade", "--help");
        help.ExitCode.Should().Be(0, help.ToString());
        help.Stdout.Should().Contain("workbook grade [OPTIONS]", "grade is a verb of the workbook command");
        var declared = typeof(GradeSettings).GetProperties()
            .SelectMany(p => p.GetCustomAttribute<CommandOptionAttribute>()?.LongNames ?? [])
            .Select(name => "--" + name)
            .ToHashSet(StringComparer.Ordinal);
        arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Should().BeSubsetOf(declared, "every option the workflow passes is one grade declares");
        var format = arguments[Array.IndexOf(arguments, "--format") + 1];
        new GradeSettings { Format = format }.Validate().Successful.Should().BeTrue($"--format {format} is a format grade accepts");
        run.Should().Contain($"--out {arguments[Array.IndexOf(arguments, "--out") + 1]}");
    }

    [Fact]
    public void A_grade_that_fails_or_times_out_still_reports_zero_points_with_the_reason()
    {
        var run = Scalar(GradeStep(Load()), "run");

        var fallback = FallbackJson().Match(run);
        fallback.Success.Should().BeTrue("the step writes a result of its own when the grade gives none");
        var json = JsonDocument.Parse(fallback.Groups["json"].Value.Replace("%s", "124", StringComparison.Ordinal)).RootElement;
        json.GetProperty("max_score").GetInt32().Should().Be(Classroom.ClassroomReport.MaxScore);
        json.GetProperty("status").GetString().Should().Be("error");
        var test = json.GetProperty("tests").EnumerateArray().Should().ContainSingle().Subject;
        test.GetProperty("score").GetInt32().Should().Be(0);
        test.GetProperty("message").GetString().Should().Contain("124");
    }

    [Fact]
    public void The_reporter_reads_the_grade_steps_result()
    {
        var workflow = Load();
        var grade = GradeStep(workflow);
        var id = Scalar(grade, "id");
        Scalar(grade, "run").Should().Contain("echo \"result=$(base64 -w0 classroom-result.json)\" >> \"$GITHUB_OUTPUT\"", "the reporter decodes a base64 `result` output");

        var reporter = Steps(workflow).Should().ContainSingle(s => Uses(s).StartsWith("classroom-resources/autograding-grading-reporter@", StringComparison.Ordinal)).Subject;
        Scalar(Map(reporter, "with"), "runners").Should().Be(id);
        Scalar(Map(reporter, "env"), id.ToUpperInvariant() + "_RESULTS").Should().Be($"${{{{ steps.{id}.outputs.result }}}}", "the reporter reads <RUNNER>_RESULTS for each runner");
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(WorkflowPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Should().ContainSingle().Subject.RootNode;
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        [.. ((YamlSequenceNode)Map(Map(workflow, "jobs"), "run-autograding-tests").Children[new YamlScalarNode("steps")]).Cast<YamlMappingNode>()];

    private static YamlMappingNode GradeStep(YamlMappingNode workflow) =>
        Steps(workflow).Should().ContainSingle(s => s.Children.ContainsKey(new YamlScalarNode("run")) && Scalar(s, "run").Contains("grade --format classroom", StringComparison.Ordinal)).Subject;

    private static string Uses(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) ? ((YamlScalarNode)uses).Value ?? string.Empty : string.Empty;

    private static YamlMappingNode Map(YamlMappingNode node, string key)
    {
        node.Children.Should().ContainKey(new YamlScalarNode(key));
        return (YamlMappingNode)node.Children[new YamlScalarNode(key)];
    }

    private static string Scalar(YamlMappingNode node, string key)
    {
        node.Children.Should().ContainKey(new YamlScalarNode(key));
        return ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? string.Empty;
    }

    [GeneratedRegex(@"timeout (?:--kill-after=\S+ )?(?<bound>\S+) dotnet run --project (?<project>\S+) -- (?<arguments>[^|\n]+?)\s*(?:\|\||\n)")]
    private static partial Regex GradeCommandLine();

    [GeneratedRegex(@"printf '(?<json>\{.*\})\\n'")]
    private static partial Regex FallbackJson();
}
