namespace Workbook.Cli.Doctor;

/// <summary>All checks, which backends a test run will use, and what installing a missing optional program adds.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks, string RedisVerdict, string KafkaVerdict, IReadOnlyList<string> Gains)
{
    /// <summary>False when a check failed: the lesson tests cannot run here.</summary>
    public bool TestsCanRun => Checks.All(c => c.State != CheckState.Fail);
}
