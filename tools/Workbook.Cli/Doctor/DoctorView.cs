using Spectre.Console;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Doctor;

/// <summary>What <c>workbook doctor</c> prints: a row per check, the backends a test run will use, then the fixes.</summary>
public static class DoctorView
{
    public static void Write(IAnsiConsole console, DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
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
    }
}
