using System.Reflection;

namespace Workbook.Tests.Api;

/// <summary>The stubs and the reference answers must expose the same public API, or the tests would grade a different task.</summary>
public sealed class ExercisesMatchSolutionsTests
{
    private static readonly Assembly Exercises = Assembly.Load("Workbook.Exercises");
    private static readonly Assembly Solutions = Assembly.Load("Workbook.Solutions");

    [Fact]
    public void Exercises_and_Solutions_expose_the_same_public_API()
    {
        var exercises = PublicApi.Of(Exercises);
        var solutions = PublicApi.Of(Solutions);

        exercises.Except(solutions).Order(StringComparer.Ordinal).Should().BeEmpty("these are in Exercises but not in Solutions");
        solutions.Except(exercises).Order(StringComparer.Ordinal).Should().BeEmpty("these are in Solutions but not in Exercises");
    }

    [Fact]
    public void Both_assemblies_define_lessons()
    {
        // Guards the parity test against comparing two empty assemblies.
        PublicApi.Of(Exercises).Should().Contain(line => line.StartsWith("sealed class Workbook.Lessons.ArticleViews", StringComparison.Ordinal));
        PublicApi.Of(Solutions).Should().HaveCount(PublicApi.Of(Exercises).Count);
    }

    [Fact]
    public void The_description_sees_a_signature_change()
    {
        // The comparer itself must notice drift: two types that differ only in a parameter name.
        var a = PublicApi.Of(typeof(SampleA).Assembly).Where(l => l.Contains("SampleA", StringComparison.Ordinal)).Select(l => l.Replace("SampleA", "Sample", StringComparison.Ordinal));
        var b = PublicApi.Of(typeof(SampleB).Assembly).Where(l => l.Contains("SampleB", StringComparison.Ordinal)).Select(l => l.Replace("SampleB", "Sample", StringComparison.Ordinal));

        a.Should().NotBeEquivalentTo(b);
    }

    public sealed class SampleA
    {
        public static Task<int> Run(int limit = 10) => Task.FromResult(limit);
    }

    public sealed class SampleB
    {
        public static Task<int> Run(int count = 10) => Task.FromResult(count);
    }
}
