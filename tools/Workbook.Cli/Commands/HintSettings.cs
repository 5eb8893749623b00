using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Commands;

public sealed class HintSettings : CommandSettings
{
    [CommandArgument(0, "<LESSON>")]
    [TextDescription(typeof(HintText), nameof(HintText.LessonArgument))]
    public string Lesson { get; init; } = string.Empty;

    [CommandOption("--level <LEVEL>")]
    [TextDescription(typeof(HintText), nameof(HintText.LevelOption))]
    public int Level { get; init; } = 1;

    [CommandOption("--exercises <PATH>")]
    [TextDescription(typeof(HintText), nameof(HintText.ExercisesOption))]
    public string? Exercises { get; init; }

    /// <summary>"6" and "06" both mean lesson 06; "b1" and "B1" both mean bonus B1.</summary>
    public string LessonNumber => LessonDocs.Normalize(Lesson);

    public override ValidationResult Validate() => Level is >= 1 and <= 3
        ? ValidationResult.Success()
        : ValidationResult.Error(HintText.LevelRange(Level));
}
