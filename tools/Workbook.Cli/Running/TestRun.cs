using Workbook.Cli.Catalog;
using Workbook.Cli.Results;

namespace Workbook.Cli.Running;

/// <summary>The graded tests of one checkout and target, and their results.</summary>
public sealed record TestRun(WorkbookRoot Root, WorkbookTarget Target, TestCatalog Catalog, IReadOnlyList<TestResult> Results);
