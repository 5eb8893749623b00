namespace Workbook.Cli.Results;

/// <summary>How one test (or one theory case) ended.</summary>
public enum TestOutcome
{
    Passed,
    Failed,

    /// <summary>Skipped by the test itself (e.g. needs a real broker); not counted for or against.</summary>
    Skipped,

    /// <summary>In the assembly but absent from the results: counted as not passed.</summary>
    NotRun,
}
