namespace Workbook.Tests.Backends;

/// <summary>Tests that change process-wide environment variables run one at a time.</summary>
[CollectionDefinition(nameof(EnvironmentVariables), DisableParallelization = true)]
public sealed class EnvironmentVariablesCollection;
