using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Doctor;

namespace Workbook.Cli.Commands;

/// <summary><c>workbook doctor</c>: what is installed, which backends a test run will use, how to fix what is missing.</summary>
public sealed class DoctorCommand(IAnsiConsole console) : AsyncCommand<DoctorCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var report = await Diagnosis.RunAsync(cancellationToken);
        var table = new Table().AddColumns("check", "", "found");
        foreach (var check in report.Checks)
        {
            var mark = check.State switch
            {
                CheckState.Ok => "[green]ok[/]",
                CheckState.Optional => "[grey]–[/]",
                _ => "[red]FAIL[/]",
            };
            table.AddRow(Markup.Escape(check.Name), mark, Markup.Escape(check.Finding));
        }

        console.Write(table);
        console.WriteLine("A test run will use:");
        console.WriteLine("  " + report.RedisVerdict);
        console.WriteLine("  " + report.KafkaVerdict);
        if (report.Gains.Count > 0)
        {
            console.WriteLine("Optional, and what installing it adds:");
            foreach (var gain in report.Gains)
            {
                console.WriteLine("  " + gain);
            }
        }

        var fixes = report.Checks.Where(c => c.State == CheckState.Fail && c.Fix is not null).ToList();
        foreach (var check in fixes)
        {
            console.MarkupLine($"[red]To fix[/] {Markup.Escape(check.Name)}: {Markup.Escape(check.Fix!)}");
        }

        console.WriteLine(report.TestsCanRun ? "The lesson tests can run here." : "The lesson tests cannot run here until the above is fixed.");
        return report.TestsCanRun ? ExitCodes.Ok : ExitCodes.CannotRun;
    }

    public sealed class Settings : CommandSettings;
}
