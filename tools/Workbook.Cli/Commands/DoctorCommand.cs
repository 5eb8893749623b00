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
        DoctorView.Write(console, report);
        return report.TestsCanRun ? ExitCodes.Ok : ExitCodes.CannotRun;
    }

    public sealed class Settings : CommandSettings;
}
