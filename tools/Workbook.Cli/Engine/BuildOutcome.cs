namespace Workbook.Cli.Engine;

/// <summary>How a build of the lesson tests ended: the compiler's errors when it failed.</summary>
public sealed record BuildOutcome(bool Succeeded, IReadOnlyList<string> Errors, TimeSpan Elapsed, IReadOnlyList<string> Output)
{
    /// <summary>The first compiler errors, for one screen.</summary>
    public string Describe(int max = 5) => Succeeded
        ? "built"
        : Errors.Count > 0
            ? string.Join(Environment.NewLine, Errors.Take(max))
            : string.Join(Environment.NewLine, Output.TakeLast(max));
}
