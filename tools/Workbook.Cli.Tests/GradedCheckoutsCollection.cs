namespace Workbook.Cli.Tests;

/// <summary>The tests that read <see cref="GradedCheckouts"/> share one copy and run one after another.</summary>
[CollectionDefinition(nameof(GradedCheckouts))]
public sealed class GradedCheckoutsCollection : ICollectionFixture<GradedCheckouts>;
