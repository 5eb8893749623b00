namespace Workbook.Cli.Running;

/// <summary>How a child process ended and what it printed (stdout and stderr interleaved).</summary>
/// <param name="ExitCode">Its exit code; -1 when it was killed at its limit.</param>
/// <param name="Output">Every line it printed.</param>
/// <param name="HitLimit">True when it ran past its time limit and was killed.</param>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output, bool HitLimit = false);
