using Workbook.Cli.Catalog;
using Workbook.Cli.Results;

namespace Workbook.Cli.Running;

/// <summary>
/// Gets real results: runs <c>dotnet test Exercises.Tests --logger trx</c> in the checkout (or reads TRX files
/// someone already made), then reads the trait catalog from the test assembly that run built.
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
        IReadOnlyList<TestResult> results;
        if (resultsFolder is not null)
        {
            results = TrxReader.ReadFolder(resultsFolder);
            if (FindAssembly(root, target) is null)
            {
                await BuildAsync(root, target, log, cancellationToken);
            }
        }
        else
        {
            results = await RunTestsAsync(root, target, log, cancellationToken);
        }

        var assembly = FindAssembly(root, target)
            ?? throw new UsageException($"No {AssemblyFile} under {Path.Combine(root.Path, "Exercises.Tests", "bin", target.ToString())}; build it with dotnet build Exercises.Tests -p:WorkbookTarget={target}.");
        return new TestRun(root, target, TestCatalogReader.Read(assembly), results);
    }

    private static async Task<IReadOnlyList<TestResult>> RunTestsAsync(WorkbookRoot root, WorkbookTarget target, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "workbook-results-" + Guid.NewGuid().ToString("N"));
        try
        {
            await log.WriteLineAsync($"Running the lesson tests against {target}/ in {root.Path} (dotnet test --logger trx)…");
            var run = await ProcessRunner.RunAsync(
                "dotnet",
                ["test", root.TestProjectPath, $"-p:WorkbookTarget={target}", "--logger", "trx", "--results-directory", folder, "-nologo"],
                root.Path,
                cancellationToken);
            if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.trx").Length == 0)
            {
                throw new TestsDidNotRunException(target, run);
            }

            return TrxReader.ReadFolder(folder);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task BuildAsync(WorkbookRoot root, WorkbookTarget target, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"Building the lesson tests against {target}/ to read their traits…");
        var build = await ProcessRunner.RunAsync("dotnet", ["build", root.TestProjectPath, $"-p:WorkbookTarget={target}", "-nologo"], root.Path, cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new TestsDidNotRunException(target, build);
        }
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
