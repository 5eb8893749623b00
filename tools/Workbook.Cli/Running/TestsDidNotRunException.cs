namespace Workbook.Cli.Running;

/// <summary>The lesson tests did not build or did not run; the message carries the first compiler errors.</summary>
public sealed class TestsDidNotRunException(WorkbookTarget target, ProcessResult run)
    : Exception(Describe(target, run))
{
    private static string Describe(WorkbookTarget target, ProcessResult run)
    {
        var errors = run.Output.Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(3).ToList();
        var detail = errors.Count > 0 ? string.Join(Environment.NewLine, errors) : string.Join(Environment.NewLine, run.Output.TakeLast(5));
        return $"The lesson tests did not run against {target}/ (dotnet exited with {run.ExitCode}):{Environment.NewLine}{detail}";
    }
}
