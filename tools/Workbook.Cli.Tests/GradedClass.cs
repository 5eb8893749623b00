using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbook.Cli.Tests;

/// <summary>
/// One <c>workbook grade --class</c> run over three checkouts, shared by the tests that read what it wrote:
/// <list type="bullet">
/// <item><c>ada</c> solved every lesson (the reference answers copied into Exercises/);</item>
/// <item><c>ben</c> solved lessons 01–03, broke lesson 04's source, edited lesson 05's tests so that they pass on the
/// stubs, and made the Exercises csproj compile lesson 06 from Solutions/ instead of his stub;</item>
/// <item><c>cy</c> has a compile error in every lesson file.</item>
/// </list>
/// </summary>
public sealed partial class GradedClass : IAsyncLifetime
{
    public const string FakedTests = "Exercises.Tests/05-GameLeaderboard/GameLeaderboardTests.cs";

    public const string PullsSolutions = "Exercises/Workbook.Exercises.csproj";

    public const string BrokenLesson = "04";

    private readonly List<string> _timings = [];
    private string _folder = null!;

    public string Out => Path.Combine(_folder, "out");

    public string ClassFolder => Path.Combine(_folder, "class");

    public CliResult Run { get; private set; } = null!;

    /// <summary>The file ben broke, relative to his checkout.</summary>
    public string BrokenFile { get; private set; } = null!;

    public IReadOnlyList<string> Timings => _timings;

    public JsonDocument Report(string student) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "reports", student + ".json")));

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var token = timeout.Token;
        _folder = Path.Combine(Path.GetTempPath(), "workbook-class-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();

        var ada = await CheckoutCopy.CreateAsync(token, Path.Combine(ClassFolder, "ada"));
        ada.Solve([.. Directory.GetDirectories(Path.Combine(ada.Path, "Solutions")).Select(d => Path.GetFileName(d)[..2])]);

        var ben = await CheckoutCopy.CreateAsync(token, Path.Combine(ClassFolder, "ben"));
        ben.Solve("01", "02", "03");
        BrokenFile = Path.GetRelativePath(ben.Path, Directory.GetFiles(Directory.GetDirectories(Path.Combine(ben.Path, "Exercises"), BrokenLesson + "-*").Single(), "*.cs")[0]).Replace('\\', '/');
        await File.AppendAllTextAsync(Path.Combine(ben.Path, BrokenFile), "\nthis line is not C#\n", token);
        var tests = Path.Combine(ben.Path, FakedTests);
        await File.WriteAllTextAsync(tests, PassOnStubs(await File.ReadAllTextAsync(tests, token)), token);
        var csproj = Path.Combine(ben.Path, PullsSolutions);
        await File.WriteAllTextAsync(csproj, (await File.ReadAllTextAsync(csproj, token)).Replace("</Project>", """
              <ItemGroup>
                <Compile Remove="06-RateLimiter/**" />
                <Compile Include="../Solutions/06-RateLimiter/**/*.cs" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal), token);

        var cy = await CheckoutCopy.CreateAsync(token, Path.Combine(ClassFolder, "cy"));
        foreach (var file in Directory.GetFiles(Path.Combine(cy.Path, "Exercises"), "*.cs", SearchOption.AllDirectories))
        {
            await File.AppendAllTextAsync(file, "\n}} not C# {{\n", token);
        }

        _timings.Add($"three checkouts made: {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        Run = await Cli.RunAsync(Path.GetTempPath(), new Dictionary<string, string?>(), token, "grade", "--class", ClassFolder, "--out", Out, "--format", "json");
        _timings.Add($"grade --class, three students: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    // What a student would do to get lesson 05's marks for nothing: every test returns before it asserts anything.
    private static string PassOnStubs(string source)
    {
        var faked = TestBody().Replace(source, "$1{ await Task.CompletedTask; return;");
        faked.Should().NotBe(source, "the fake must have changed the tests");
        return faked;
    }

    [GeneratedRegex(@"(\[RedisFact[^\]]*\]\s*(?:\[[^\]]*\]\s*)*public async Task \w+\([^)]*\)\s*)\{")]
    private static partial Regex TestBody();
}
