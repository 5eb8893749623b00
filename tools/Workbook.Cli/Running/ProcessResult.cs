namespace Workbook.Cli.Running;

/// <summary>How a child process ended and what it printed (stdout and stderr interleaved).</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output);
