using Workbook.Cli.Catalog;
using Workbook.Cli.Results;
using Workbook.Cli.Running;
using Workbook.Infrastructure.Backends;

namespace Workbook.Cli.Engine;

/// <summary>
/// What <c>watch</c>, <c>progress</c> and <c>grade</c> share: one warm Redis for the session, a build of only the
/// lesson tests, and a direct run of the test host with every test bounded. Dispose it to stop the Redis it started.
/// </summary>
public sealed class LessonEngine : IAsyncDisposable
{
    /// <summary>The bound on a run of some lessons, whatever the student's code does (each test has its own, shorter bound).</summary>
    public static readonly TimeSpan LessonRunLimit = TimeSpan.FromMinutes(5);

    /// <summary>The bound on a run of every lesson.</summary>
    public static readonly TimeSpan FullRunLimit = TimeSpan.FromMinutes(20);

    private const string FixtureFailure = "Assembly fixture type";

    private readonly WarmRedis _redis;
    private readonly LessonBuild _build;
    private (DateTime Written, TestCatalog Catalog)? _catalog;

    private LessonEngine(WorkbookRoot root, WorkbookTarget target, WarmRedis redis)
    {
        Root = root;
        _redis = redis;
        _build = new LessonBuild(root, target);
    }

    public WorkbookRoot Root { get; }

    public WorkbookTarget Target => _build.Target;

    /// <summary>Which Redis the session's runs use, in one sentence.</summary>
    public string RedisDescription => _redis.Description;

    /// <summary>Starts the session's Redis; fails with <see cref="BackendFailedException"/> saying how to get one.</summary>
    public static async Task<LessonEngine> StartAsync(WorkbookRoot root, WorkbookTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        try
        {
            return new LessonEngine(root, target, await WarmRedis.StartAsync(cancellationToken));
        }
        catch (BackendUnavailableException e)
        {
            throw new BackendFailedException(e.Message + " (dotnet run --project tools/Workbook.Cli -- doctor checks every backend.)", e);
        }
    }

    /// <summary>Builds the lesson tests and, when that worked, runs the given lessons (all when empty).</summary>
    public async Task<EngineRun> RunAsync(IReadOnlyCollection<string> lessons, Action<HostEvent>? onEvent, Action<SlowTest>? onSlow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        var build = await _build.BuildAsync(cancellationToken);
        if (!build.Succeeded)
        {
            return new EngineRun(build, null, null);
        }

        var catalog = Catalog();
        var run = await LessonTestHost.RunAsync(
            _build.AssemblyPath,
            lessons,
            _redis.Environment,
            lessons.Count == 0 ? FullRunLimit : LessonRunLimit,
            onEvent,
            onSlow,
            cancellationToken);
        ThrowIfBackendFailed(run);
        return new EngineRun(build, run, catalog);
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    /// <summary>
    /// The traits of the built tests, read again only when the test assembly was rebuilt: a save in Exercises/
    /// rebuilds the student's assembly, and the test assembly (where the traits live) stays as it was.
    /// </summary>
    private TestCatalog Catalog()
    {
        var written = File.GetLastWriteTimeUtc(_build.AssemblyPath);
        if (_catalog is not { } cached || cached.Written != written)
        {
            _catalog = cached = (written, TestCatalogReader.Read(_build.AssemblyPath));
        }

        return cached.Catalog;
    }

    private static void ThrowIfBackendFailed(HostRun run)
    {
        ThrowIfFixturesFailed(run);
        if (run.Results.Count == 0 && run.Stuck is null)
        {
            throw new BackendFailedException("The test host ran no test (exit " + run.ExitCode + "): " + string.Join(Environment.NewLine, run.OutputTail));
        }
    }

    /// <summary>When the fixtures could not get a Redis or a Kafka, every test fails the same way: say that instead.</summary>
    internal static void ThrowIfFixturesFailed(HostRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var fixture = run.Results.FirstOrDefault(r => r.Outcome == TestOutcome.Failed && r.Message?.StartsWith(FixtureFailure, StringComparison.Ordinal) == true);
        if (fixture is not null)
        {
            throw new BackendFailedException(
                "The lesson tests could not start their servers: " + (fixture.Details ?? fixture.Message) + Environment.NewLine +
                "dotnet run --project tools/Workbook.Cli -- doctor says what is missing and how to fix it.");
        }
    }
}
