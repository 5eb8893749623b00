using Spectre.Console.Cli;
using Workbook.Cli.Classroom;
using Workbook.Cli.Grading;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook grade</c>: the seed's rubric matrix with partial credit, and a total.</summary>
public sealed class GradeCommand : AsyncCommand<GradeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        var run = await TestRunner.RunAsync(root, settings.ParsedTarget, settings.Results, Console.Error, cancellationToken);
        var report = Grader.Grade(run);
        var text = settings.ParsedFormat switch
        {
            ReportFormat.Json => JsonReport.Write(report),
            ReportFormat.Junit => JUnitReport.Write(report),
            ReportFormat.Classroom => ClassroomReport.Write(report),
            _ => MarkdownReport.Write(report),
        };
        if (settings.Out is null)
        {
            await Console.Out.WriteAsync(text);
        }
        else
        {
            try
            {
                await File.WriteAllTextAsync(settings.Out, text, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"Cannot write {settings.Out}: {e.Message}");
            }

            await Console.Error.WriteLineAsync($"Grade {report.TotalPercent:0.0} / 100 written to {settings.Out}.");
        }

        return ExitCodes.Ok;
    }
}
