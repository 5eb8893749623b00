using Workbook.Cli.Engine;

namespace Workbook.Cli.Running;

/// <summary>The lesson tests did not build; the message carries the first compiler errors.</summary>
public sealed class TestsDidNotRunException(WorkbookTarget target, BuildOutcome build)
    : Exception($"The lesson tests did not build against {target}/:{Environment.NewLine}{build.Describe()}");
