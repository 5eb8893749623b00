using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Doctor;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook doctor</c>: what is installed, which backends a test run will use, how to fix what is missing.</summary>
public sealed class DoctorCommand(IAnsiConsole console) : AsyncCommand<DoctorCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var report = await Diagnosis.RunAsync(cancellationToken);
        var table = new Table().AddColumns(DoctorText.ColumnCheck, string.Empty, DoctorText.ColumnFound);
        foreach (var check in report.Checks)
        {
            var mark = check.State switch
            {
                CheckState.Ok => $"[green]{Markup.Escape(DoctorText.MarkOk)}[/]",
                CheckState.Optional => "[grey]–[/]",
                _ => $"[red]{Markup.Escape(DoctorText.MarkFail)}[/]",
            };
            table.AddRow(Markup.Escape(check.Name), mark, Markup.Escape(check.Finding));
        }

        console.Write(table);
        console.WriteLine(DoctorText.WillUse);
        console.WriteLine("  " + report.RedisVerdict);
        console.WriteLine("  " + report.KafkaVerdict);
        if (report.Gains.Count > 0)
        {
            console.WriteLine(DoctorText.GainsHeading);
            foreach (var gain in report.Gains)
            {
                console.WriteLine("  " + gain);
            }
        }

        var fixes = report.Checks.Where(c => c.State == CheckState.Fail && c.Fix is not null).ToList();
        foreach (var check in fixes)
        {
            console.MarkupLine(DoctorText.ToFix(Markup.Escape(check.Name), Markup.Escape(check.Fix!)));
        }

        console.WriteLine(report.TestsCanRun ? DoctorText.TestsCanRun : DoctorText.TestsCannotRun);
        return report.TestsCanRun ? ExitCodes.Ok : ExitCodes.CannotRun;
    }

    public sealed class Settings : CommandSettings;
}
