using System.Diagnostics;
using Workbook.Cli.Catalog;
using Workbook.Cli.Engine;
using Workbook.Cli.Grading;
using Workbook.Cli.Results;
using Workbook.Cli.Running;

namespace Workbook.Cli.Pristine;

/// <summary>
/// Grades one student's <c>Exercises/**/*.cs</c> in a <see cref="PristineWorkspace"/>: our tests, projects and
/// Contracts, their lesson sources. A lesson whose sources do not compile is put back to our stubs (so it scores 0)
/// and the rest is built again; the tests then run in the <see cref="Sandbox"/>. A lesson whose test hangs is
/// stopped at its bound, and the lessons that had not finished are run again one at a time, so a hang costs the
/// lesson it is in.
/// </summary>
public static class PristineGrader
{
    /// <summary>All test runs of one student together: the whole first run, then any lesson run alone again.</summary>
    public static readonly TimeSpan StudentRunLimit = LessonEngine.FullRunLimit;

    /// <summary>A lesson run alone (after the first run was stopped or the host died).</summary>
    public static readonly TimeSpan LessonRunLimit = LessonEngine.LessonRunLimit;

    public static async Task<PristineGrade> GradeAsync(
        ReferenceWorkbook reference,
        PristineWorkspace workspace,
        Sandbox sandbox,
        IReadOnlyDictionary<string, string>? sharedRedis,
        string student,
        TextWriter log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(log);
        var checkout = Path.GetFullPath(student);
        if (!Directory.Exists(checkout))
        {
            throw new UngradableCheckoutException(UngradableCheckoutException.Missing, $"{checkout} does not exist.");
        }

        var sources = StudentSources.Read(checkout);
        var ignored = CheckoutDiff.Compare(reference, checkout);
        workspace.Reset();
        workspace.Overlay(sources);
        var problems = await BuildAsync(workspace, sources, log, cancellationToken);
        var catalog = TestCatalogReader.Read(workspace.Build.AssemblyPath);
        var results = await RunAsync(workspace, catalog, sandbox.For(workspace, sharedRedis), problems, log, cancellationToken);
        var report = Grader.Grade(catalog, results, nameof(WorkbookTarget.Exercises), checkout) with
        {
            Grading = new GradingNotes(GradingNotes.PristineMode, reference.Root, sandbox.Description, ignored, problems),
        };
        return new PristineGrade(report, sources);
    }

    private static async Task<List<LessonProblem>> BuildAsync(PristineWorkspace workspace, StudentSources sources, TextWriter log, CancellationToken cancellationToken)
    {
        var problems = new List<LessonProblem>();
        var lessons = sources.Lessons.Keys.ToHashSet(StringComparer.Ordinal);
        var extras = sources.Extras.ToHashSet(StringComparer.Ordinal);

        // Each failed build takes out at least one student lesson or file, so this ends after at most all of them.
        while (true)
        {
            var build = await workspace.Build.BuildAsync(cancellationToken);
            if (build.Succeeded)
            {
                return problems;
            }

            if (lessons.Count == 0 && extras.Count == 0)
            {
                throw new TestsDidNotRunException(WorkbookTarget.Exercises, build);
            }

            var errors = CompilerError.Parse(build.Errors);
            var byLesson = errors.Where(e => e.Lesson is { } lesson && lessons.Contains(lesson)).GroupBy(e => e.Lesson!, StringComparer.Ordinal).ToList();
            var byExtra = errors.Where(e => e.File is { } file && extras.Contains(file)).GroupBy(e => e.File!, StringComparer.Ordinal).ToList();
            if (byLesson.Count == 0 && byExtra.Count == 0)
            {
                // The errors name no student file (or no file at all): take every student source out.
                var first = errors.Select(e => e.Text).FirstOrDefault() ?? build.Describe(1);
                problems.AddRange(lessons.Order(StringComparer.Ordinal).Select(l => new LessonProblem(l, LessonProblem.CompileError, null, "the build failed outside the lesson folders: " + first)));
                problems.AddRange(extras.Select(f => new LessonProblem(null, LessonProblem.CompileError, f, "the build failed outside the lesson folders: " + first)));
                foreach (var lesson in lessons)
                {
                    workspace.Revert(lesson);
                }

                foreach (var file in extras)
                {
                    workspace.Remove(file);
                }

                await log.WriteLineAsync($"  did not build, and the errors name no lesson: every lesson graded on the stubs ({first})");
                lessons.Clear();
                extras.Clear();
                continue;
            }

            foreach (var group in byLesson)
            {
                var first = group.First();
                problems.Add(new LessonProblem(group.Key, LessonProblem.CompileError, first.File, first.Text));
                workspace.Revert(group.Key);
                lessons.Remove(group.Key);
                await log.WriteLineAsync($"  lesson {group.Key} did not compile, graded on the stubs: {first.Text}");
            }

            foreach (var group in byExtra)
            {
                var first = group.First();
                problems.Add(new LessonProblem(null, LessonProblem.CompileError, group.Key, first.Text));
                workspace.Remove(group.Key);
                extras.Remove(group.Key);
                await log.WriteLineAsync($"  {group.Key} did not compile and was left out: {first.Text}");
            }
        }
    }

    private static async Task<List<TestResult>> RunAsync(
        PristineWorkspace workspace,
        TestCatalog catalog,
        HostIsolation isolation,
        List<LessonProblem> problems,
        TextWriter log,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lessonOf = catalog.Tests.ToDictionary(t => t.FullName, t => t.Lesson, StringComparer.Ordinal);
        void OnSlow(SlowTest slow) => log.WriteLine("  " + slow.Describe());

        var first = await HostAsync(workspace, [], StudentRunLimit, isolation, OnSlow, cancellationToken);
        var results = first.Results.ToList();
        var stopped = new HashSet<string>(StringComparer.Ordinal);
        if (first.Stuck is not null)
        {
            foreach (var lesson in first.StillRunning.Select(name => LessonOfDisplayName(catalog, name)).OfType<string>().Distinct())
            {
                stopped.Add(lesson);
                problems.Add(new LessonProblem(lesson, LessonProblem.Stopped, null, first.Stuck));
                await log.WriteLineAsync($"  lesson {lesson} stopped: {first.Stuck}");
            }
        }

        // Lessons with tests that never ended (the run was stopped, or the host died) run again, each alone.
        var ended = results.Select(r => r.FullName).ToHashSet(StringComparer.Ordinal);
        var unfinished = catalog.Lessons.Where(l => !stopped.Contains(l) && catalog.Tests.Any(t => t.Lesson == l && !ended.Contains(t.FullName))).ToList();
        foreach (var lesson in unfinished)
        {
            var left = StudentRunLimit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                problems.Add(new LessonProblem(lesson, LessonProblem.Stopped, null, $"not run: this student's {StudentRunLimit.TotalMinutes:0} min of test runs were used up"));
                continue;
            }

            await log.WriteLineAsync($"  lesson {lesson} did not finish in the first run (host exit {first.ExitCode}); running it alone");
            var again = await HostAsync(workspace, [lesson], left < LessonRunLimit ? left : LessonRunLimit, isolation, OnSlow, cancellationToken);
            results.RemoveAll(r => lessonOf.GetValueOrDefault(r.FullName) == lesson);
            results.AddRange(again.Results);
            var missing = catalog.Tests.Any(t => t.Lesson == lesson && again.Results.All(r => r.FullName != t.FullName));
            if (again.Stuck is not null || missing)
            {
                var why = again.Stuck ?? $"the test host ended (exit {again.ExitCode}) before every test of the lesson had ended";
                problems.Add(new LessonProblem(lesson, LessonProblem.Stopped, null, why));
                await log.WriteLineAsync($"  lesson {lesson} stopped: {why}");
            }
        }

        return results;
    }

    private static async Task<HostRun> HostAsync(PristineWorkspace workspace, IReadOnlyCollection<string> lessons, TimeSpan limit, HostIsolation isolation, Action<SlowTest> onSlow, CancellationToken cancellationToken)
    {
        var run = await LessonTestHost.RunAsync(workspace.Build.AssemblyPath, lessons, new Dictionary<string, string>(), limit, onEvent: null, onSlow, cancellationToken, isolation);
        LessonEngine.ThrowIfFixturesFailed(run);
        return run;
    }

    // A display name is the full name, with theory arguments after it.
    private static string? LessonOfDisplayName(TestCatalog catalog, string displayName) =>
        catalog.Tests.FirstOrDefault(t => displayName == t.FullName || displayName.StartsWith(t.FullName + "(", StringComparison.Ordinal))?.Lesson;
}
