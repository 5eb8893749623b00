namespace Workbook.Cli.Doctor;

/// <summary>All checks, and which backends a test run will use.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks, string RedisVerdict, string KafkaVerdict)
{
    /// <summary>False when a check failed: the lesson tests cannot run here.</summary>
    public bool TestsCanRun => Checks.All(c => c.State != CheckState.Fail);
}
