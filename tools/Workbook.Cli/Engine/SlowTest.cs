namespace Workbook.Cli.Engine;

/// <summary>A test that has been running a while: what a slow run says it is waiting for.</summary>
public sealed record SlowTest(string DisplayName, TimeSpan Elapsed, TimeSpan? Bound)
{
    public string Describe() => Bound is { } bound
        ? $"still running after {Elapsed.TotalSeconds:0} s (its bound is {bound.TotalSeconds:0} s): {DisplayName}"
        : $"still running after {Elapsed.TotalSeconds:0} s: {DisplayName}";
}
