using Spectre.Console;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;
using Workbook.Cli.Localization.Teaching;

namespace Workbook.Cli.Progress;

/// <summary>What <c>workbook progress</c> prints: a row per lesson, then what to do next.</summary>
public static class ProgressView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<LessonProgress> lessons)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(lessons);
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
            return;
        }

        console.WriteLine(ProgressText.Next(next.Lesson, next.Title, next.Describe()));
        if (next.FirstFailing is { } failing)
        {
            console.WriteLine(ProgressText.FirstFailing(failing.Test.MethodName));
            foreach (var line in VietnameseTeaching.Lines(failing))
            {
                console.WriteLine("    " + line);
            }
        }

        console.WriteLine(ProgressText.WatchIt(HintCommandLine.Workbook, next.Lesson));
        console.WriteLine(ProgressText.Stuck(HintCommandLine.For(next.Lesson)));
    }
}
