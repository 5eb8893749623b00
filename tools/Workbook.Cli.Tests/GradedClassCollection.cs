namespace Workbook.Cli.Tests;

/// <summary>The tests that read <see cref="GradedClass"/>; alone, so that its class run never shares the machine with another grade.</summary>
[CollectionDefinition(nameof(GradedClass), DisableParallelization = true)]
public sealed class GradedClassCollection : ICollectionFixture<GradedClass>;
