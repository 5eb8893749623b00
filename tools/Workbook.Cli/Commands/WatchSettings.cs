using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Commands;

public sealed class WatchSettings : CheckoutSettings
{
    [CommandArgument(0, "[LESSON]")]
    [TextDescription(typeof(WatchText), nameof(WatchText.LessonArgument))]
    public string? Lesson { get; init; }

    [CommandOption("--plain")]
    [TextDescription(typeof(WatchText), nameof(WatchText.PlainOption))]
    public bool Plain { get; init; }

    [CommandOption("--stay")]
    [TextDescription(typeof(WatchText), nameof(WatchText.StayOption))]
    public bool Stay { get; init; }

    public override ValidationResult Validate() => Results is not null
        ? ValidationResult.Error(WatchText.NoResults)
        : base.Validate();

    /// <summary>"6", "06" mean lesson 06; "b1" means B1.</summary>
    public string? LessonNumber => Lesson is null ? null
        : int.TryParse(Lesson, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < 100 ? number.ToString("00", CultureInfo.InvariantCulture)
        : Lesson.ToUpperInvariant();
}
