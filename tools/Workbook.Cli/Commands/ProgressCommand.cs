using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Grading;
using Workbook.Cli.Hints;
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
        var lessons = LessonProgress.Of(Grader.Join(run.Catalog, run.Results), lesson => LessonPages.Title(root, lesson));

        ProgressView.Write(console, lessons);
        return ExitCodes.Ok;
    }
}
