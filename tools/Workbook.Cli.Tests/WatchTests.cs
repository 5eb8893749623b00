using System.Diagnostics;

namespace Workbook.Cli.Tests;

/// <summary><c>workbook watch</c> in the graded copy, as a student uses it: red, save the answer, green, quit.</summary>
[Collection(nameof(GradedCheckouts))]
public sealed class WatchTests(GradedCheckouts graded)
{
    private const string Lesson = "04";
    private static readonly TimeSpan VerdictLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_save_that_solves_the_lesson_turns_its_verdict_green_without_restarting_watch()
    {
        var token = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Workbook.Cli.dll"), "watch", Lesson, "--plain"])
        {
            WorkingDirectory = graded.Checkout,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var red = await VerdictAsync(lines, 1, token);
            red.Should().Contain($"lesson={Lesson} passed=0 ", Transcript(lines));

            var stubs = Directory.GetDirectories(Path.Combine(graded.Checkout, "Exercises"), Lesson + "-*").Single();
            foreach (var solved in Directory.GetFiles(Directory.GetDirectories(Path.Combine(graded.Checkout, "Solutions"), Lesson + "-*").Single(), "*.cs"))
            {
                // As an editor saves: new content, written now (File.Copy would keep the old time, and MSBuild would
                // rightly think the build is up to date).
                await File.WriteAllTextAsync(Path.Combine(stubs, Path.GetFileName(solved)), await File.ReadAllTextAsync(solved, token), token);
            }

            var green = await VerdictAsync(lines, 2, token);
            var counts = green.Split(' ').Where(p => p.Contains('=')).ToDictionary(p => p.Split('=')[0], p => p.Split('=')[1]);
            counts["passed"].Should().Be(counts["total"], $"lesson {Lesson}'s answer was saved into Exercises/, so watch reran it and every test passes\n{Transcript(lines)}");
            counts["save-to-verdict"].Should().NotBe("none", "the run was caused by the save and says how long the student waited");
            await Eventually(() => Snapshot(lines).Any(l => l.StartsWith($"lesson {Lesson} done", StringComparison.Ordinal)), token);

            await process.StandardInput.WriteLineAsync("q".AsMemory(), token);
            await process.StandardInput.FlushAsync(token);
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(token);
            exit.CancelAfter(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exit.Token);
            process.ExitCode.Should().Be(0, Transcript(lines));
            Snapshot(lines)[0].Should().StartWith("watch: Redis:", "the first line says which Redis the session keeps warm");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> VerdictAsync(List<string> lines, int count, CancellationToken token)
    {
        await Eventually(() => Snapshot(lines).Count(l => l.StartsWith("verdict ", StringComparison.Ordinal)) >= count, token);
        return Snapshot(lines).Where(l => l.StartsWith("verdict ", StringComparison.Ordinal)).ElementAt(count - 1);
    }

    private static async Task Eventually(Func<bool> condition, CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            deadline.Elapsed.Should().BeLessThan(VerdictLimit, "watch must answer a save within its bound");
            await Task.Delay(100, token);
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static string Transcript(List<string> lines) => string.Join('\n', Snapshot(lines));
}
