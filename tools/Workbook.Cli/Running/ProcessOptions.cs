using System.Diagnostics;

namespace Workbook.Cli.Running;

/// <summary>How <see cref="ProcessRunner"/> runs a child: its time limit, its environment, who sees its lines.</summary>
public sealed record ProcessOptions
{
    /// <summary>Past this the child's process tree is killed and the result says so.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Changes the start info before the child starts (environment variables).</summary>
    public Action<ProcessStartInfo>? Configure { get; init; }

    /// <summary>Called with each line as it arrives, from a reader thread.</summary>
    public Action<string>? OnLine { get; init; }
}
