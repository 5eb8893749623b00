using Spectre.Console.Cli;
using Workbook.Cli.ClassGrading;
using Workbook.Cli.Grading;
using Workbook.Cli.Localization;
using Workbook.Cli.Pristine;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary>
/// <c>workbook grade</c>: the seed's rubric matrix with partial credit, and a total. A student's checkout
/// (<c>--exercises</c>) and a class (<c>--class</c>, <c>--roster</c>) are graded pristine: their lesson sources,
/// our tests. Without <c>--exercises</c>, or with <c>--in-place</c>, <c>--results</c> or <c>--target Solutions</c>,
/// the checkout's own tests run.
/// </summary>
public sealed class GradeCommand : AsyncCommand<GradeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        if (settings.IsClass)
        {
            return await GradeClassAsync(settings, cancellationToken);
        }

        var report = settings.IsPristine ? await GradePristineAsync(settings, cancellationToken) : await GradeInPlaceAsync(settings, cancellationToken);
        var text = ClassOutput.Report(report, settings.ParsedFormat);
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
                throw new UsageException(GradeText.CannotWrite(settings.Out, e.Message));
            }

            await Console.Error.WriteLineAsync(GradeText.GradeWritten(report.TotalPercent, settings.Out));
        }

        return ExitCodes.Ok;
    }

    private static async Task<GradeReport> GradeInPlaceAsync(GradeSettings settings, CancellationToken cancellationToken)
    {
        var root = WorkbookRoot.Find(settings.Exercises);
        return Grader.Grade(await TestRunner.RunAsync(root, settings.ParsedTarget, settings.Results, Console.Error, cancellationToken));
    }

    private static async Task<GradeReport> GradePristineAsync(GradeSettings settings, CancellationToken cancellationToken)
    {
        // Said before anything starts, in one line, as for an in-place checkout.
        var checkout = Path.GetFullPath(settings.Exercises!);
        if (!Directory.Exists(Path.Combine(checkout, "Exercises")))
        {
            throw new UsageException(Directory.Exists(checkout) ? $"{checkout} is not a workbook checkout: it has no Exercises/ folder." : $"{checkout} does not exist.");
        }

        await using var session = await PristineSession.StartAsync(settings.Reference, Console.Error, cancellationToken);
        try
        {
            return (await session.GradeAsync(checkout, cancellationToken)).Report;
        }
        catch (UngradableCheckoutException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task<int> GradeClassAsync(GradeSettings settings, CancellationToken cancellationToken)
    {
        var students = settings.Class is not null ? Roster.FromClassFolder(settings.Class) : Roster.FromFile(settings.Roster!);
        var folder = Path.GetFullPath(settings.Out!);
        await using var session = await PristineSession.StartAsync(settings.Reference, Console.Error, cancellationToken);
        var results = await ClassGrader.GradeAsync(students, session, settings.Jobs, Console.Error, cancellationToken);
        await ClassOutput.WriteAsync(folder, results, settings.ParsedFormat, session.Reference, cancellationToken);
        var graded = results.Count(r => r.WasGraded);
        await Console.Error.WriteLineAsync(GradeText.ClassGraded(graded, results.Count, ClassOutput.GradebookFile, ClassOutput.SummaryFile, ClassOutput.ReportsFolder, folder));
        return graded == results.Count ? ExitCodes.Ok : ExitCodes.NotAllGraded;
    }
}
