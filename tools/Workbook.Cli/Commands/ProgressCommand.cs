using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Grading;
using Workbook.Cli.Hints;
using Workbook.Cli.Progress;
using Workbook.Cli.Running;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook progress</c>: each lesson done, in progress or not started, and what to do next.</summary>
public sealed class ProgressCommand(IAnsiConsole console) : AsyncCommand<CheckoutSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CheckoutSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var run = await TestRunner.RunAsync(root, settings.ParsedTarget, settings.Results, Console.Error, cancellationToken);
        var lessons = LessonProgress.Of(Grader.Join(run.Catalog, run.Results), lesson => LessonPages.Title(root, lesson));

        var table = new Table().AddColumns(ProgressText.ColumnLesson, ProgressText.ColumnTitle, ProgressText.ColumnLevelSkill, ProgressText.ColumnStatus);
        foreach (var lesson in lessons)
        {
            var status = lesson.Status switch
            {
                LessonStatus.Done => $"[green]{Markup.Escape(lesson.Describe())}[/]",
                LessonStatus.InProgress => $"[yellow]{Markup.Escape(lesson.Describe())}[/]",
                _ => $"[grey]{Markup.Escape(lesson.Describe())}[/]",
            };
            table.AddRow(lesson.Lesson, Markup.Escape(lesson.Title), $"{lesson.Level} · {lesson.Skill}", status);
        }

        console.Write(table);
        var next = lessons.FirstOrDefault(l => l.Status != LessonStatus.Done);
        if (next is null)
        {
            console.WriteLine(lessons.Count == 0 ? ProgressText.NoTests : ProgressText.AllDone);
            return ExitCodes.Ok;
        }

        console.WriteLine(ProgressText.Next(next.Lesson, next.Title, next.Describe()));
        if (next.FirstFailing is { } failing)
        {
            console.WriteLine(ProgressText.FirstFailing(failing.Test.MethodName));
        }

        console.WriteLine(ProgressText.WatchIt(HintCommandLine.Workbook, next.Lesson));
        console.WriteLine(ProgressText.Stuck(HintCommandLine.For(next.Lesson)));
        return ExitCodes.Ok;
    }
}
