using System.Diagnostics;
using System.Text.Json;
using Workbook.Cli.Catalog;

namespace Workbook.Cli.Tests;

/// <summary>
/// One copy of the repository graded three ways, in sequence, shared by the tests that read the reports:
/// the untouched stubs (pristine, the default for --exercises) and the solutions (in place) through
/// <c>workbook grade</c>'s own test run, then the stubs with lessons
/// 01–03 replaced by their solutions through a plain <c>dotnet test --logger trx</c> that grade and progress read.
/// </summary>
public sealed class GradedCheckouts : IAsyncLifetime
{
    public static readonly string[] SolvedLessons = ["01", "02", "03"];

    private readonly List<string> _timings = [];
    private CheckoutCopy? _copy;

    public JsonDocument Stubs { get; private set; } = null!;

    public JsonDocument Solutions { get; private set; } = null!;

    public JsonDocument Partial { get; private set; } = null!;

    public CliResult PartialJunit { get; private set; } = null!;

    public CliResult PartialProgress { get; private set; } = null!;

    /// <summary>The lessons of <see cref="SolvedLessons"/> that exist in this repository.</summary>
    public IReadOnlyList<string> Solved { get; private set; } = [];

    /// <summary>The graded tests, read from the copy's built test assembly.</summary>
    public TestCatalog Catalog { get; private set; } = null!;

    public string Checkout => _copy!.Path;

    public string PartialResults => Path.Combine(Checkout, "partial-results");

    public IReadOnlyList<string> Timings => _timings;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var token = timeout.Token;
        _copy = await CheckoutCopy.CreateAsync(token);

        Stubs = await GradeAsync("stubs", token, "--format", "json");
        Solutions = await GradeAsync("solutions", token, "--target", "Solutions", "--format", "json");
        // The stubs were graded pristine (in a scratch copy); the in-place Solutions build has the same tests and traits.
        var assembly = Directory.GetFiles(Path.Combine(Checkout, "Exercises.Tests", "bin", "Solutions"), "Workbook.Exercises.Tests.dll", SearchOption.AllDirectories)
            .First(p => !p.Contains("/ref/", StringComparison.Ordinal));
        Catalog = TestCatalogReader.Read(assembly);

        Solved = _copy.Solve(SolvedLessons);
        await TimedAsync("dotnet test, lessons 01-03 solved", () => DotnetTestAsync(token));
        Partial = await GradeAsync("partial", token, "--results", PartialResults, "--format", "json");
        PartialJunit = await TimedAsync("grade junit", () => Cli.RunAsync(Checkout, new Dictionary<string, string?>(), token, "grade", "--results", PartialResults, "--format", "junit"));
        PartialProgress = await TimedAsync("progress", () => Cli.RunAsync(Checkout, new Dictionary<string, string?>(), token, "progress", "--results", PartialResults));
    }

    public ValueTask DisposeAsync()
    {
        Stubs?.Dispose();
        Solutions?.Dispose();
        Partial?.Dispose();
        _copy?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonDocument> GradeAsync(string name, CancellationToken token, params string[] options)
    {
        var output = Path.Combine(Path.GetTempPath(), $"workbook-grade-{name}-{Guid.NewGuid():N}.json");
        try
        {
            // Run from elsewhere: --exercises alone must say which checkout is graded.
            var result = await TimedAsync($"grade {name}", () => Cli.RunAsync(Path.GetTempPath(), new Dictionary<string, string?>(), token, ["grade", "--exercises", Checkout, "--out", output, .. options]));
            result.ExitCode.Should().Be(0, result.ToString());
            return JsonDocument.Parse(await File.ReadAllTextAsync(output, token));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private async Task DotnetTestAsync(CancellationToken token)
    {
        var start = new ProcessStartInfo("dotnet", ["test", "Exercises.Tests", "--logger", "trx", "--results-directory", PartialResults, "-nologo"])
        {
            WorkingDirectory = Checkout,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        Directory.GetFiles(PartialResults, "*.trx").Should().NotBeEmpty(await stdout + await stderr);
    }

    private async Task<T> TimedAsync<T>(string what, Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        _timings.Add($"{what}: {watch.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private Task TimedAsync(string what, Func<Task> action) => TimedAsync(what, async () =>
    {
        await action();
        return true;
    });
}
