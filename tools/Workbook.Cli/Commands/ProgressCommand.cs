using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Grading;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization.Teaching;
using Workbook.Cli.Progress;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook progress</c>: each lesson done, in progress or not started, and what to do next.</summary>
public sealed class ProgressCommand(IAnsiConsole console) : AsyncCommand<CheckoutSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CheckoutSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var run = await TestRunner.RunAsync(root, settings.ParsedTarget, settings.Results, Console.Error, cancellationToken);
        var lessons = LessonProgress.Of(Grader.Join(run.Catalog, run.Results), lesson => LessonDocs.Title(root.LessonDocs, lesson));

        var table = new Table().AddColumns("lesson", "title", "level · skill", "status");
        foreach (var lesson in lessons)
        {
            var status = lesson.Status switch
            {
                LessonStatus.Done => "[green]done[/]",
                LessonStatus.InProgress => $"[yellow]{Markup.Escape(lesson.Describe())}[/]",
                _ => "[grey]not started[/]",
            };
            table.AddRow(lesson.Lesson, Markup.Escape(lesson.Title), $"{lesson.Level} · {lesson.Skill}", status);
        }

        console.Write(table);
        var next = lessons.FirstOrDefault(l => l.Status != LessonStatus.Done);
        if (next is null)
        {
            console.WriteLine(lessons.Count == 0 ? "No lesson tests found." : "All lessons done. Next: the bonus challenges in the README.");
            return ExitCodes.Ok;
        }

        console.WriteLine($"Next: lesson {next.Lesson} — {next.Title} ({next.Describe()}).");
        if (next.FirstFailing is { } failing)
        {
            console.WriteLine($"  First failing test: {failing.Test.MethodName}");
            foreach (var line in VietnameseTeaching.Lines(failing))
            {
                console.WriteLine("    " + line);
            }
        }

        console.WriteLine($"  Watch it: {HintCommandLine.Workbook} watch {next.Lesson}    (or: dotnet test --filter Lesson={next.Lesson})");
        console.WriteLine($"  Stuck? {HintCommandLine.For(next.Lesson)}");
        return ExitCodes.Ok;
    }
}
