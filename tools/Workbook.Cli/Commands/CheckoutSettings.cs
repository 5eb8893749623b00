using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary>Options shared by the verbs that read test results: which checkout, which target, which results.</summary>
public class CheckoutSettings : CommandSettings
{
    [CommandOption("--exercises <PATH>")]
    [Description("Root of the workbook checkout to test (default: the one you are in).")]
    public string? Exercises { get; init; }

    [CommandOption("--target <TARGET>")]
    [Description("Exercises (your stubs, default) or Solutions (the reference answers).")]
    public string Target { get; init; } = nameof(WorkbookTarget.Exercises);

    [CommandOption("--results <DIR>")]
    [Description("Read these TRX files (dotnet test --logger trx) instead of running the tests.")]
    public string? Results { get; init; }

    public WorkbookTarget ParsedTarget => Enum.Parse<WorkbookTarget>(Target, ignoreCase: true);

    public override ValidationResult Validate() =>
        Enum.TryParse<WorkbookTarget>(Target, ignoreCase: true, out _) && !int.TryParse(Target, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"Unknown target '{Target}': use Exercises or Solutions.");
}
