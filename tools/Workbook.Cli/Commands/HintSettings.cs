using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Commands;

public sealed class HintSettings : CommandSettings
{
    [CommandArgument(0, "<LESSON>")]
    [Description("The lesson number, e.g. 06 or B1 (any case).")]
    public string Lesson { get; init; } = string.Empty;

    [CommandOption("--level <LEVEL>")]
    [Description("Show hint tiers 1 up to this one: 1 a nudge, 2 the commands, 3 the shape of the answer.")]
    public int Level { get; init; } = 1;

    [CommandOption("--exercises <PATH>")]
    [Description("Root of the workbook checkout (default: the one you are in).")]
    public string? Exercises { get; init; }

    /// <summary>"6" and "06" both mean lesson 06; "b1" and "B1" both mean bonus B1.</summary>
    public string LessonNumber => LessonDocs.Normalize(Lesson);

    public override ValidationResult Validate() => Level is >= 1 and <= 3
        ? ValidationResult.Success()
        : ValidationResult.Error(HintText.LevelRange(Level));
}
