using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Workbook.Cli.Commands;

public sealed class HintSettings : CommandSettings
{
    [CommandArgument(0, "<LESSON>")]
    [Description("The lesson number, e.g. 06.")]
    public string Lesson { get; init; } = string.Empty;

    [CommandOption("--level <LEVEL>")]
    [Description("Show hint tiers 1 up to this one: 1 a nudge, 2 the commands, 3 the shape of the answer.")]
    public int Level { get; init; } = 1;

    [CommandOption("--exercises <PATH>")]
    [Description("Root of the workbook checkout (default: the one you are in).")]
    public string? Exercises { get; init; }

    /// <summary>"6" and "06" both mean lesson 06.</summary>
    public string LessonNumber => int.TryParse(Lesson, out var number) && number is >= 0 and < 100 ? number.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : Lesson;

    public override ValidationResult Validate() => Level is >= 1 and <= 3
        ? ValidationResult.Success()
        : ValidationResult.Error($"--level must be 1, 2 or 3, not {Level}.");
}
