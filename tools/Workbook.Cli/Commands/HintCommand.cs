using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Hints;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook hint NN [--level 1|2|3]</c>: the lesson page's hints, one tier more at each level.</summary>
public sealed class HintCommand(IAnsiConsole console) : Command<HintSettings>
{
    private static readonly string[] TierNames = ["a nudge", "the commands to look at", "the shape of the answer"];

    public override int Execute(CommandContext context, HintSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var page = LessonDocs.Find(root.LessonDocs, settings.LessonNumber)
            ?? throw new UsageException($"No lesson {settings.Lesson}: lessons with hints are {string.Join(", ", LessonDocs.Lessons(root.LessonDocs))}.");
        var tiers = LessonDocs.Hints(page);
        if (tiers.Count == 0)
        {
            throw new UsageException($"{Path.GetFileName(page)} has no numbered list under '## Hints'.");
        }

        console.MarkupLine($"[bold]Lesson {settings.LessonNumber} — {Markup.Escape(LessonDocs.Title(root.LessonDocs, settings.LessonNumber) ?? string.Empty)}[/]");
        var shown = Math.Min(settings.Level, tiers.Count);
        for (var tier = 1; tier <= shown; tier++)
        {
            var name = tier <= TierNames.Length ? TierNames[tier - 1] : $"tier {tier}";
            console.WriteLine();
            console.MarkupLine($"[yellow]Hint {tier} — {name}[/]");
            console.WriteLine(tiers[tier - 1]);
        }

        console.WriteLine();
        if (shown < tiers.Count)
        {
            // The command on a line of its own, so a narrow terminal never wraps it mid-word before it is copied.
            console.WriteLine($"{tiers.Count - shown} tier(s) left (from docs/lessons/{Path.GetFileName(page)}). More:");
            console.WriteLine($"  {HintCommandLine.For(settings.LessonNumber, shown + 1)}");
        }
        else
        {
            console.WriteLine($"That was every hint (docs/lessons/{Path.GetFileName(page)}).");
        }

        return ExitCodes.Ok;
    }
}
