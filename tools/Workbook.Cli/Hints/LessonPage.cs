namespace Workbook.Cli.Hints;

/// <summary>The page a lesson's hints and title are read from, in the language the command speaks.</summary>
/// <param name="Path">The page's full path.</param>
/// <param name="Shown">The page as the student finds it from the root, e.g. <c>docs/vi/lessons/06-rate-limiter.md</c>.</param>
/// <param name="MissingTranslation">Set when the Vietnamese page should be read but is missing: the page that was looked for.</param>
public sealed record LessonPage(string Path, string Shown, string? MissingTranslation);
