using Workbook.Cli.Pristine;
using Workbook.Cli.Running;

namespace Workbook.Cli.Tests;

/// <summary>
/// The namespaces a pristine grade runs the student's code in, tried with a shell as the student's code: it sees
/// loopback only, can write its run folder and nothing else, and nothing it starts outlives it.
/// </summary>
public sealed class SandboxTests : IDisposable
{
    // Not CreateTempSubdirectory: its 0700 folder would be closed to the user the sandbox runs as.
    private readonly string _scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workbook-sandbox-tests-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [Fact]
    public async Task The_student_code_sees_loopback_only_writes_only_its_run_folder_cannot_undo_that_and_leaves_no_process_behind()
    {
        var sandbox = await Sandbox.ProbeAsync(_scratch, TestContext.Current.CancellationToken);
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "the namespaces need Linux and root; elsewhere the report says 'no sandbox'");
        sandbox.Isolated.Should().BeTrue(sandbox.Description);
        var run = Directory.CreateDirectory(Path.Combine(_scratch, "run")).FullName;
        var outside = Path.Combine(Path.GetTempPath(), "workbook-sandbox-escape-" + Guid.NewGuid().ToString("N"));
        var marker = "600." + Random.Shared.Next(100_000, 999_999); // a sleep no other process has
        var script = $"""
            ip -o link show | cut -d: -f2 | tr -d ' ' | tr '\n' ' '; echo
            touch '{outside}' 2>/dev/null && echo wrote-outside || echo refused-outside
            touch '{run}/inside' && echo wrote-inside
            mount -o remount,rw / 2>/dev/null && echo remounted || echo cannot-remount
            id -u
            sleep {marker} &
            sleep 0.2; pgrep -fx 'sleep {marker}' >/dev/null && echo started-a-process
            """;

        var result = await ProcessRunner.RunAsync("unshare", [.. Sandbox.Prefix(run), "sh", "-c", script], run, new ProcessOptions { Limit = TimeSpan.FromSeconds(30) }, TestContext.Current.CancellationToken);

        result.ExitCode.Should().Be(0, string.Join('\n', result.Output));
        result.Output.Should().Contain("lo ", "a new network namespace has loopback and nothing else");
        result.Output.Should().Contain("refused-outside").And.Contain("wrote-inside").And.Contain("started-a-process");
        result.Output.Should().Contain("cannot-remount", "without capabilities the read-only mounts stay read-only").And.Contain("65534", "it runs as nobody");
        File.Exists(outside).Should().BeFalse();
        File.Exists(Path.Combine(run, "inside")).Should().BeTrue();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        System.Diagnostics.Process.GetProcesses().Where(p => ProcessArguments(p).Contains(marker, StringComparison.Ordinal)).Should().BeEmpty("the PID namespace dies with its first process");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string ProcessArguments(System.Diagnostics.Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
