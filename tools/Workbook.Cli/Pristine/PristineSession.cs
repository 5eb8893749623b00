using System.Collections.Concurrent;
using Workbook.Cli.Engine;
using Workbook.Infrastructure.Backends;

namespace Workbook.Cli.Pristine;

/// <summary>
/// What pristine grades of one command share: our workbook read once, one scratch folder (deleted at the end), the
/// sandbox probed once, one workspace per student graded at the same time (each built once, then rebuilt per
/// student), and, only when there is no sandbox, one warm Redis that the students' runs share through their
/// per-test key prefixes.
/// </summary>
public sealed class PristineSession : IAsyncDisposable
{
    private readonly ConcurrentBag<PristineWorkspace> _idle = [];
    private readonly ConcurrentBag<PristineWorkspace> _all = [];
    private readonly WarmRedis? _redis;
    private readonly TextWriter _log;
    private int _workspaces;

    private PristineSession(string scratch, ReferenceWorkbook reference, Sandbox sandbox, WarmRedis? redis, TextWriter log)
    {
        Scratch = scratch;
        Reference = reference;
        Sandbox = sandbox;
        _redis = redis;
        _log = log;
    }

    public string Scratch { get; }

    public ReferenceWorkbook Reference { get; }

    public Sandbox Sandbox { get; }

    public static async Task<PristineSession> StartAsync(string? referenceRoot, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var reference = await ReferenceWorkbook.LoadAsync(referenceRoot, cancellationToken);
        var scratch = Path.Combine(Path.GetTempPath(), "workbook-grade-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        var sandbox = await Sandbox.ProbeAsync(scratch, cancellationToken);
        WarmRedis? redis = null;
        if (!sandbox.Isolated)
        {
            try
            {
                redis = await WarmRedis.StartAsync(cancellationToken);
            }
            catch (BackendUnavailableException e)
            {
                Directory.Delete(scratch, recursive: true);
                throw new BackendFailedException(e.Message + " (dotnet run --project tools/Workbook.Cli -- doctor checks every backend.)", e);
            }
        }

        await log.WriteLineAsync($"Pristine grading with the tests of {reference.Root}; scratch folder {scratch}.");
        await log.WriteLineAsync($"Sandbox: {sandbox.Description}.");
        return new PristineSession(scratch, reference, sandbox, redis, log);
    }

    /// <summary>Grades one student in a free workspace (a new one when all are busy).</summary>
    public async Task<PristineGrade> GradeAsync(string student, CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var workspace))
        {
            workspace = PristineWorkspace.Create(Reference, Path.Combine(Scratch, "slot-" + Interlocked.Increment(ref _workspaces)));
            _all.Add(workspace);
        }

        try
        {
            return await PristineGrader.GradeAsync(Reference, workspace, Sandbox, _redis?.Environment, student, _log, cancellationToken);
        }
        finally
        {
            _idle.Add(workspace);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workspace in _all)
        {
            workspace.Dispose();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temp folder; no failure of the grade.
        }
    }
}
