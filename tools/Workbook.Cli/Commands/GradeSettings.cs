using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Grading;
using Workbook.Cli.Running;

namespace Workbook.Cli.Commands;

public sealed class GradeSettings : CheckoutSettings
{
    /// <summary>The most students graded at the same time (each needs its own build and test host).</summary>
    public const int MaxJobs = 8;

    [CommandOption("--format <FORMAT>")]
    [Description("markdown (default), json (docs/grading-json.md), junit or classroom (GitHub Classroom, docs/classroom.md).")]
    public string Format { get; init; } = "markdown";

    [CommandOption("--out <PATH>")]
    [Description("Write the report to this file instead of the console; with --class or --roster, the folder for the gradebook, summary and reports.")]
    public string? Out { get; init; }

    [CommandOption("--class <DIR>")]
    [Description("Grade every checkout in this folder (one folder per student, named for the student), pristine.")]
    public string? Class { get; init; }

    [CommandOption("--roster <FILE>")]
    [Description("Grade the students of this file of name,path lines, pristine.")]
    public string? Roster { get; init; }

    [CommandOption("--jobs <N>")]
    [Description("With --class or --roster: students graded at the same time (default 1).")]
    public int Jobs { get; init; } = 1;

    [CommandOption("--in-place")]
    [Description("Run the tests in the checkout given by --exercises, its own tests and projects (not tamper-proof).")]
    public bool InPlace { get; init; }

    [CommandOption("--reference <PATH>")]
    [Description("The workbook whose tests, projects and Contracts grade pristine (default: the one this command was built from).")]
    public string? Reference { get; init; }

    public ReportFormat ParsedFormat => Enum.Parse<ReportFormat>(Format, ignoreCase: true);

    public bool IsClass => Class is not null || Roster is not null;

    /// <summary>A student's checkout graded by our tests: the default for --exercises, never for the reference answers or TRX files.</summary>
    public bool IsPristine => IsClass || (Exercises is not null && !InPlace && Results is null && ParsedTarget == WorkbookTarget.Exercises);

    public override ValidationResult Validate()
    {
        if (!Enum.TryParse<ReportFormat>(Format, ignoreCase: true, out _) || int.TryParse(Format, out _))
        {
            return ValidationResult.Error($"Unknown format '{Format}': use markdown, json, junit or classroom.");
        }

        var target = base.Validate();
        if (!target.Successful || !IsClass)
        {
            return target;
        }

        return (Class, Roster, Exercises, Results, InPlace, Out) switch
        {
            (not null, not null, _, _, _, _) => ValidationResult.Error("Use --class or --roster, not both."),
            (_, _, not null, _, _, _) => ValidationResult.Error("--exercises grades one checkout; --class and --roster grade many: use one or the other."),
            (_, _, _, not null, _, _) => ValidationResult.Error("--results cannot grade a class: a class is graded by running our tests on each checkout."),
            (_, _, _, _, true, _) => ValidationResult.Error("--in-place cannot grade a class: a class is always graded pristine."),
            (_, _, _, _, _, null) => ValidationResult.Error("--class and --roster need --out DIR for the gradebook, the summary and one report per student."),
            _ when ParsedTarget != WorkbookTarget.Exercises => ValidationResult.Error("--target Solutions grades the reference answers, not a class."),
            _ when Jobs is < 1 or > MaxJobs => ValidationResult.Error($"--jobs must be 1 to {MaxJobs}, not {Jobs}."),
            _ => ValidationResult.Success(),
        };
    }
}
