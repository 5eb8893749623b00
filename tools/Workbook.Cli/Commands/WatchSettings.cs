using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Workbook.Cli.Commands;

public sealed class WatchSettings : CheckoutSettings
{
    [CommandArgument(0, "[LESSON]")]
    [Description("The lesson to start with, e.g. 02 or b1 (default: the first one not done yet).")]
    public string? Lesson { get; init; }

    [CommandOption("--plain")]
    [Description("One line per event instead of the full screen; keys are read as lines (h, r, f, l, q). Implied when output is redirected.")]
    public bool Plain { get; init; }

    [CommandOption("--stay")]
    [Description("Stay on the lesson when it goes green instead of moving to the next one (for benchmarks and reviews).")]
    public bool Stay { get; init; }

    public override ValidationResult Validate() => Results is not null
        ? ValidationResult.Error("watch runs the tests itself on every save; --results is for grade and progress.")
        : base.Validate();

    /// <summary>"6", "06" mean lesson 06; "b1" means B1.</summary>
    public string? LessonNumber => Lesson is null ? null
        : int.TryParse(Lesson, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < 100 ? number.ToString("00", CultureInfo.InvariantCulture)
        : Lesson.ToUpperInvariant();
}
