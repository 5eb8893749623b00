using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook hint NN [--level 1|2|3]</c>: the lesson page's hints, one tier more at each level.</summary>
public sealed class HintCommand(IAnsiConsole console) : Command<HintSettings>
{
    public override int Execute(CommandContext context, HintSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var page = LessonPages.Find(root, settings.LessonNumber)
            ?? throw new UsageException(HintText.NoLesson(settings.Lesson, string.Join(", ", LessonDocs.Lessons(root.LessonDocs))));
        var tiers = LessonDocs.Hints(page.Path);
        if (tiers.Count == 0)
        {
            throw new UsageException(HintText.NoHintsList(Path.GetFileName(page.Path)));
        }

        if (page.MissingTranslation is { } missing)
        {
            console.WriteLine(HintText.EnglishFallback(missing));
        }

        console.MarkupLine($"[bold]{Markup.Escape(HintText.LessonTitle(settings.LessonNumber, LessonDocs.TitleOf(page.Path) ?? string.Empty))}[/]");
        string[] names = [HintText.TierNudge, HintText.TierCommands, HintText.TierShape];
        var shown = Math.Min(settings.Level, tiers.Count);
        for (var tier = 1; tier <= shown; tier++)
        {
            var name = tier <= names.Length ? names[tier - 1] : HintText.TierNumbered(tier);
            console.WriteLine();
            console.MarkupLine($"[yellow]{Markup.Escape(HintText.TierHeading(tier, name))}[/]");
            console.WriteLine(tiers[tier - 1]);
        }

        console.WriteLine();
        if (shown < tiers.Count)
        {
            // The command on a line of its own, so a narrow terminal never wraps it mid-word before it is copied.
            console.WriteLine(HintText.TiersLeft(tiers.Count - shown, page.Shown));
            console.WriteLine($"  {HintCommandLine.For(settings.LessonNumber, shown + 1)}");
        }
        else
        {
            console.WriteLine(HintText.AllShown(page.Shown));
        }

        return ExitCodes.Ok;
    }
}
