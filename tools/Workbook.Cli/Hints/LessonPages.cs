using Workbook.Cli.Localization;
using Workbook.Cli.Running;

namespace Workbook.Cli.Hints;

/// <summary>
/// A lesson's page in the command's language: <c>docs/vi/lessons/</c> when it speaks Vietnamese and the page is
/// there, else <c>docs/lessons/</c>. The English pages decide which lessons exist.
/// </summary>
public static class LessonPages
{
    public static LessonPage? Find(WorkbookRoot root, string lesson)
    {
        ArgumentNullException.ThrowIfNull(root);
        var english = LessonDocs.Find(root.LessonDocs, lesson);
        if (english is null)
        {
            return null;
        }

        if (UiLanguage.Current != Language.Vietnamese)
        {
            return new LessonPage(english, Shown(root, english), null);
        }

        var vietnamese = LessonDocs.Find(root.VietnameseLessonDocs, lesson);
        return vietnamese is not null
            ? new LessonPage(vietnamese, Shown(root, vietnamese), null)
            : new LessonPage(english, Shown(root, english), Shown(root, Path.Combine(root.VietnameseLessonDocs, Path.GetFileName(english))));
    }

    /// <summary>The lesson's title in the command's language, or null when it has no page.</summary>
    public static string? Title(WorkbookRoot root, string lesson) => Find(root, lesson) is { } page ? LessonDocs.TitleOf(page.Path) : null;

    private static string Shown(WorkbookRoot root, string page) => Path.GetRelativePath(root.Path, page).Replace('\\', '/');
}
