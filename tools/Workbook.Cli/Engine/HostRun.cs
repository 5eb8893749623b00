using Workbook.Cli.Results;

namespace Workbook.Cli.Engine;

/// <summary>What one run of the test host gave.</summary>
/// <param name="Results">Every test that ended.</param>
/// <param name="Diagnostics">The fixtures' lines: which Redis and Kafka ran.</param>
/// <param name="Stuck">When the run was stopped: the tests still running then, and why; empty when it finished.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="ExitCode">The host's exit code.</param>
/// <param name="OutputTail">The host's last lines that were not test messages, for when it failed to start.</param>
public sealed record HostRun(
    IReadOnlyList<TestResult> Results,
    IReadOnlyList<string> Diagnostics,
    string? Stuck,
    TimeSpan Elapsed,
    int ExitCode,
    IReadOnlyList<string> OutputTail)
{
    /// <summary>When the run was stopped: the display names of the tests that had started and not ended.</summary>
    public IReadOnlyList<string> StillRunning { get; init; } = [];

    public int Passed => Results.Count(r => r.Outcome == TestOutcome.Passed);

    public int Failed => Results.Count(r => r.Outcome == TestOutcome.Failed);
}
