using System.Diagnostics;

namespace Workbook.Cli.Running;

/// <summary>
/// Runs a program to completion, collecting its output. Cancelling, or running past the limit, kills its whole
/// process tree, so no child outlives the command or hangs it.
/// </summary>
public static class ProcessRunner
{
    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, workingDirectory, new ProcessOptions(), cancellationToken);

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, ProcessOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        options.Configure?.Invoke(start);
        var output = new List<string>();
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => Add(output, e.Data, options.OnLine, outputClosed);
        process.ErrorDataReceived += (_, e) => Add(output, e.Data, options.OnLine, errorClosed);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"Could not start {fileName}: {e.Message}.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Limit);
        try
        {
            await exited.Task.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await exited.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            lock (output)
            {
                return new ProcessResult(-1, [.. output], HitLimit: true);
            }
        }

        // The exit can be seen before the last lines are read. A grandchild that inherited the pipes (a server the
        // child started) may keep them open, so the drain is bounded.
        try
        {
            await Task.WhenAll(outputClosed.Task, errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Keep what arrived.
        }

        lock (output)
        {
            return new ProcessResult(process.ExitCode, [.. output]);
        }
    }

    private static void Add(List<string> output, string? line, Action<string>? onLine, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        onLine?.Invoke(line);
    }
}
