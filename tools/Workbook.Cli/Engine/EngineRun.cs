using Workbook.Cli.Catalog;

namespace Workbook.Cli.Engine;

/// <summary>One build and test run of the engine: the run is null when the build failed.</summary>
public sealed record EngineRun(BuildOutcome Build, HostRun? Run, TestCatalog? Catalog);
