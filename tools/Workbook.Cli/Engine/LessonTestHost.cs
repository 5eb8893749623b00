using System.Collections.Concurrent;
using System.Diagnostics;
using Workbook.Cli.Results;
using Workbook.Cli.Running;

namespace Workbook.Cli.Engine;

/// <summary>
/// Runs the built lesson test assembly directly (xUnit v3 test host, <c>-automated</c>), without <c>dotnet test</c>'s
/// start-up. It follows each test as it runs: a test running past its own bound by more than
/// <see cref="Grace"/> means a wait xUnit cannot time out (a synchronous deadlock), so the host is stopped and
/// the run says which test was stuck.
/// </summary>
public static class LessonTestHost
{
    /// <summary>How far past its bound a test may run before the host is stopped.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>When a running test is first reported as slow, and how often after that.</summary>
    public static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(5);

    /// <param name="assembly">The built Workbook.Exercises.Tests.dll.</param>
    /// <param name="lessons">The lessons to run; empty for all.</param>
    /// <param name="environment">Extra environment for the host (WORKBOOK_REDIS of a warm server).</param>
    /// <param name="limit">The bound on the whole run.</param>
    /// <param name="onEvent">Sees each event as it arrives (called from reader threads).</param>
    /// <param name="onSlow">Hears about tests that run long.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="isolation">A sandbox to start the host in (pristine grading); null to start it plainly.</param>
    public static async Task<HostRun> RunAsync(
        string assembly,
        IReadOnlyCollection<string> lessons,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan limit,
        Action<HostEvent>? onEvent,
        Action<SlowTest>? onSlow,
        CancellationToken cancellationToken,
        HostIsolation? isolation = null)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        ArgumentNullException.ThrowIfNull(environment);
        var arguments = new List<string>(isolation?.FileName is null ? [] : [.. isolation.Prefix, "dotnet"]) { "exec", assembly, "-automated", "-noColor", "-noLogo" };
        foreach (var lesson in lessons)
        {
            arguments.AddRange(["-trait", $"Lesson={lesson}"]);
        }

        var reader = new AutomatedStreamReader();
        var results = new ConcurrentQueue<TestResult>();
        var diagnostics = new ConcurrentQueue<string>();
        var other = new ConcurrentQueue<string>();
        var running = new ConcurrentDictionary<string, (TestStarted Test, Stopwatch Clock, TimeSpan NextNotice)>();
        string? stuck = null;
        IReadOnlyList<string> stillRunning = [];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        void OnLine(string line)
        {
            HostEvent? hostEvent;
            lock (reader)
            {
                hostEvent = reader.Read(line);
            }

            switch (hostEvent)
            {
                case null when !line.StartsWith('{'):
                    other.Enqueue(line);
                    break;
                case TestStarted started:
                    running[started.TestId] = (started, Stopwatch.StartNew(), SlowAfter);
                    break;
                case TestEnded ended:
                    running.TryRemove(ended.TestId, out _);
                    results.Enqueue(ended.Result);
                    break;
                case HostDiagnostic diagnostic:
                    diagnostics.Enqueue(diagnostic.Message);
                    break;
                case HostError error:
                    other.Enqueue(error.Message);
                    break;
            }

            if (hostEvent is not null)
            {
                onEvent?.Invoke(hostEvent);
            }
        }

        var clock = Stopwatch.StartNew();
        var watchdog = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    foreach (var (id, entry) in running)
                    {
                        var elapsed = entry.Clock.Elapsed;
                        if (entry.Test.Timeout is { } bound && elapsed > bound + Grace)
                        {
                            stillRunning = [.. running.Values.Select(r => r.Test.DisplayName)];
                            stuck = $"{entry.Test.DisplayName} ran {elapsed.TotalSeconds:0} s, past its {bound.TotalSeconds:0} s bound: " +
                                "something in it blocks a thread (a synchronous wait, .Result, or a deadlock), so the run was stopped";
                            await stop.CancelAsync();
                            return;
                        }

                        if (elapsed >= entry.NextNotice)
                        {
                            running[id] = entry with { NextNotice = entry.NextNotice + SlowAfter };
                            onSlow?.Invoke(new SlowTest(entry.Test.DisplayName, elapsed, entry.Test.Timeout));
                        }
                    }
                }
            },
            CancellationToken.None);

        ProcessResult process;
        try
        {
            process = await ProcessRunner.RunAsync(
                isolation?.FileName ?? "dotnet",
                arguments,
                isolation?.WorkingDirectory ?? Path.GetDirectoryName(assembly)!,
                new ProcessOptions
                {
                    Limit = limit,
                    OnLine = OnLine,
                    Configure = start =>
                    {
                        foreach (var (name, value) in environment)
                        {
                            start.Environment[name] = value;
                        }

                        foreach (var (name, value) in isolation?.Environment ?? new Dictionary<string, string?>())
                        {
                            start.Environment[name] = value;
                            if (value is null)
                            {
                                start.Environment.Remove(name);
                            }
                        }
                    },
                },
                stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process = new ProcessResult(-1, [], HitLimit: true);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await watchdog;
            }
            catch (OperationCanceledException)
            {
                // The watchdog ends with the run.
            }
        }

        if (process.HitLimit && stuck is null)
        {
            var names = running.Values.Select(r => r.Test.DisplayName).ToList();
            stillRunning = names;
            stuck = $"the run passed its {limit.TotalSeconds:0} s limit" + (names.Count > 0 ? "; still running: " + string.Join(", ", names) : string.Empty);
        }

        return new HostRun([.. results], [.. diagnostics], stuck, clock.Elapsed, process.ExitCode, [.. other.TakeLast(20)]) { StillRunning = stillRunning };
    }
}
