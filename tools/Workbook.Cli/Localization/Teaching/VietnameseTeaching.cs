using System.Globalization;
using System.Resources;
using Workbook.Cli.Grading;

namespace Workbook.Cli.Localization.Teaching;

/// <summary>
/// What a student who reads Vietnamese sees after a failing test's English text: the test's teaching text (what it
/// proves, why a solution usually fails it) and the translation of each stub message the failure carries, each line
/// starting with <see cref="Marker"/>. In any other UI culture there is nothing to add, so English output is unchanged.
/// </summary>
public static class VietnameseTeaching
{
    public const string Marker = "🇻🇳 ";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    /// <summary>Keyed by the test's <c>Namespace.Class.Method</c>, as the catalog names it.</summary>
    public static ResourceManager TestTexts { get; } = new("Workbook.Cli.Localization.Teaching.TestTexts", typeof(VietnameseTeaching).Assembly);

    /// <summary>Keyed by <c>NN Class.Member</c> (<see cref="StubMessage"/>).</summary>
    public static ResourceManager StubTexts { get; } = new("Workbook.Cli.Localization.Teaching.StubTexts", typeof(VietnameseTeaching).Assembly);

    public static bool IsActive => UiLanguage.Current == Language.Vietnamese;

    /// <summary>The Vietnamese lines for a failing test, given its failure texts; empty unless the UI culture is Vietnamese.</summary>
    public static IReadOnlyList<string> Lines(string fullName, IEnumerable<string?> failureTexts)
    {
        if (!IsActive)
        {
            return [];
        }

        var lines = new List<string>();
        if (Text(TestTexts, fullName) is { } teaching)
        {
            lines.Add(Marker + teaching);
        }

        var stubs = failureTexts.SelectMany(StubMessage.Keys).Distinct(StringComparer.Ordinal);
        lines.AddRange(stubs.Select(key => Text(StubTexts, key)).OfType<string>().Select(text => Marker + text));
        return lines;
    }

    /// <summary>The Vietnamese lines for a graded test that does not pass, from its results' messages.</summary>
    public static IReadOnlyList<string> Lines(GradedTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Lines(test.Test.FullName, test.Results.SelectMany(r => new[] { r.Message, r.Details }));
    }

    // Only the Vietnamese set: the neutral values are never printed, so a missing translation shows nothing rather than English.
    private static string? Text(ResourceManager manager, string key) =>
        manager.GetResourceSet(Vietnamese, createIfNotExists: true, tryParents: false)?.GetString(key) is { Length: > 0 } text ? text : null;
}
