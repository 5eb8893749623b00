using System.Text.RegularExpressions;

namespace Workbook.Cli.Pristine;

/// <summary>One compiler error of a build, e.g. <c>Exercises/04-Logs/LogProducer.cs(12,5): error CS1002: ; expected</c>.</summary>
/// <param name="File">The file it names, relative to the checkout with <c>/</c>; null when it names none.</param>
/// <param name="Text">The whole line, for the report.</param>
public sealed partial record CompilerError(string? File, string Text)
{
    /// <summary>The lesson whose folder (in Exercises/ or Exercises.Tests/) holds the file.</summary>
    public string? Lesson => File is null ? null : LessonFolder.Of(File);

    /// <summary>Reads the error lines of a build (paths already relative to the checkout).</summary>
    public static IReadOnlyList<CompilerError> Parse(IEnumerable<string> errors) =>
        [.. errors.Select(line =>
        {
            var match = Located().Match(line);
            return new CompilerError(match.Success ? match.Groups["file"].Value.Replace('\\', '/') : null, line);
        })];

    [GeneratedRegex(@"^(?<file>[^(:]+\.cs)\(\d+,\d+\): error ")]
    private static partial Regex Located();
}
