using System.Diagnostics;
using Workbook.Cli.Running;

namespace Workbook.Cli.Engine;

/// <summary>
/// Builds only what the lesson tests need (the test project and its references) against a target, with the
/// compiler server and MSBuild nodes kept warm (<see cref="FastBuildEnvironment"/>). The first build restores;
/// later ones in the same session skip the restore.
/// </summary>
public sealed class LessonBuild(WorkbookRoot root, WorkbookTarget target)
{
    /// <summary>A cold first build with restore takes about a minute on 2 cores; past this it has hung.</summary>
    public static readonly TimeSpan FirstBuildLimit = TimeSpan.FromMinutes(10);

    /// <summary>A rebuild takes seconds; past this it has hung.</summary>
    public static readonly TimeSpan RebuildLimit = TimeSpan.FromMinutes(3);

    private bool _restored;

    public WorkbookTarget Target => target;

    /// <summary>More <c>dotnet build</c> arguments (pristine grading builds with warnings left as warnings).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The built test assembly.</summary>
    public string AssemblyPath => Path.Combine(root.Path, "Exercises.Tests", "bin", target.ToString(), "Debug", "net10.0", "Workbook.Exercises.Tests.dll");

    public async Task<BuildOutcome> BuildAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        List<string> arguments = ["build", root.TestProjectPath, $"-p:WorkbookTarget={target}", "-nologo", "-v:q", "-clp:NoSummary"];
        arguments.AddRange(ExtraArguments);
        if (_restored)
        {
            arguments.Add("--no-restore");
        }

        var run = await ProcessRunner.RunAsync(
            "dotnet",
            arguments,
            root.Path,
            new ProcessOptions { Limit = _restored ? RebuildLimit : FirstBuildLimit, Configure = FastBuildEnvironment.ApplyTo },
            cancellationToken);
        if (run.HitLimit)
        {
            return new BuildOutcome(false, [$"dotnet build did not finish within {(_restored ? RebuildLimit : FirstBuildLimit).TotalMinutes:0} min and was stopped."], clock.Elapsed, run.Output);
        }

        var errors = run.Output
            .Where(line => line.Contains(": error ", StringComparison.Ordinal))
            .Select(StripProject)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var succeeded = run.ExitCode == 0 && File.Exists(AssemblyPath);
        _restored |= succeeded;
        return new BuildOutcome(succeeded, errors, clock.Elapsed, run.Output);
    }

    /// <summary>"…/ArticleViews.cs(12,5): error CS1002: ; expected [/…/x.csproj]" without the trailing project and with a path relative to the checkout.</summary>
    private string StripProject(string line)
    {
        var bracket = line.LastIndexOf(" [", StringComparison.Ordinal);
        var text = bracket > 0 && line.EndsWith(']') ? line[..bracket] : line;
        return text.Replace(root.Path + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).Trim();
    }
}
