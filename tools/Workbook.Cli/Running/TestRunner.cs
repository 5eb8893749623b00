using Workbook.Cli.Catalog;
using Workbook.Cli.Engine;
using Workbook.Cli.Localization;
using Workbook.Cli.Results;

namespace Workbook.Cli.Running;

/// <summary>
/// Gets real results for <c>progress</c> and <c>grade</c>: runs every lesson test through the
/// <see cref="LessonEngine"/> (or reads TRX files someone already made), with the trait catalog of the built assembly.
/// </summary>
public static class TestRunner
{
    private const string AssemblyFile = "Workbook.Exercises.Tests.dll";

    /// <param name="root">The checkout.</param>
    /// <param name="target">Exercises or Solutions.</param>
    /// <param name="resultsFolder">Existing TRX files to read instead of running the tests; null to run them.</param>
    /// <param name="log">Where progress lines go (stderr, so that reports on stdout stay clean).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<TestRun> RunAsync(WorkbookRoot root, WorkbookTarget target, string? resultsFolder, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(log);
        if (resultsFolder is not null)
        {
            var results = TrxReader.ReadFolder(resultsFolder);
            var assembly = FindAssembly(root, target) ?? await BuildAsync(root, target, log, cancellationToken);
            return new TestRun(root, target, TestCatalogReader.Read(assembly), results);
        }

        await using var engine = await LessonEngine.StartAsync(root, target, cancellationToken);
        await log.WriteLineAsync(ProgressText.RunningEvery(target, root.Path, engine.RedisDescription));
        var run = await engine.RunAsync([], onEvent: null, onSlow: slow => log.WriteLine("  " + slow.Describe()), cancellationToken);
        if (run.Run is null || run.Catalog is null)
        {
            throw new TestsDidNotRunException(target, run.Build);
        }

        if (run.Run.Stuck is { } stuck)
        {
            await log.WriteLineAsync(ProgressText.RunStopped(stuck));
        }

        await log.WriteLineAsync(ProgressText.RunSummary(run.Run.Passed, run.Run.Failed, run.Run.Elapsed.TotalSeconds, run.Build.Elapsed.TotalSeconds));
        return new TestRun(root, target, run.Catalog, run.Run.Results);
    }

    private static async Task<string> BuildAsync(WorkbookRoot root, WorkbookTarget target, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync(ProgressText.BuildingForTraits(target));
        var build = new LessonBuild(root, target);
        var outcome = await build.BuildAsync(cancellationToken);
        return outcome.Succeeded ? build.AssemblyPath : throw new TestsDidNotRunException(target, outcome);
    }

    private static string? FindAssembly(WorkbookRoot root, WorkbookTarget target)
    {
        var bin = Path.Combine(root.Path, "Exercises.Tests", "bin", target.ToString());
        return Directory.Exists(bin)
            ? Directory.GetFiles(bin, AssemblyFile, SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }
}
