using System.Diagnostics;
using Workbook.Infrastructure.Backends;

namespace Workbook.Exercises.Tests.Lesson04;

/// <summary>Runs kcat, a Kafka client we did not write, to check that our records are ordinary Kafka records.</summary>
internal static class Kcat
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Where kcat is, or null; tests skip with <see cref="MissingReason"/> when it is null.</summary>
    public static string? Path { get; } = ExecutableLocator.Find("kcat");

    public const string MissingReason =
        "kcat is not on PATH, so the interoperability check with a client we did not write cannot run. " +
        "Install it: `sudo apt-get install kcat` (Debian/Ubuntu), `brew install kcat` (macOS); CI installs it.";

    /// <summary>Runs kcat with the arguments and stdin; returns its stdout, or fails with its stderr.</summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s. stderr: {await stderr}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat {string.Join(' ', arguments)} exited with {process.ExitCode}. stderr: {errors}");
        }

        return output;
    }
}
