using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Grading;

namespace Workbook.Cli.Commands;

public sealed class GradeSettings : CheckoutSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("markdown (default), json (docs/grading-json.md), junit or classroom (GitHub Classroom, docs/classroom.md).")]
    public string Format { get; init; } = "markdown";

    [CommandOption("--out <FILE>")]
    [Description("Write the report to this file instead of the console.")]
    public string? Out { get; init; }

    public ReportFormat ParsedFormat => Enum.Parse<ReportFormat>(Format, ignoreCase: true);

    public override ValidationResult Validate()
    {
        if (!Enum.TryParse<ReportFormat>(Format, ignoreCase: true, out _) || int.TryParse(Format, out _))
        {
            return ValidationResult.Error($"Unknown format '{Format}': use markdown, json, junit or classroom.");
        }

        return base.Validate();
    }
}
