using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Localization;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

/// <summary>Options shared by the verbs that read test results: which checkout, which target, which results.</summary>
public class CheckoutSettings : CommandSettings
{
    [CommandOption("--exercises <PATH>")]
    [TextDescription(typeof(CommonText), nameof(CommonText.ExercisesOption))]
    public string? Exercises { get; init; }

    [CommandOption("--target <TARGET>")]
    [TextDescription(typeof(CommonText), nameof(CommonText.TargetOption))]
    public string Target { get; init; } = nameof(WorkbookTarget.Exercises);

    [CommandOption("--results <DIR>")]
    [TextDescription(typeof(CommonText), nameof(CommonText.ResultsOption))]
    public string? Results { get; init; }

    public WorkbookTarget ParsedTarget => Enum.Parse<WorkbookTarget>(Target, ignoreCase: true);

    public override ValidationResult Validate() =>
        Enum.TryParse<WorkbookTarget>(Target, ignoreCase: true, out _) && !int.TryParse(Target, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error(CommonText.UnknownTarget(Target));
}
