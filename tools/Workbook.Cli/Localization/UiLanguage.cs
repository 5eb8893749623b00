using System.Globalization;

namespace Workbook.Cli.Localization;

/// <summary>
/// Which language the command speaks: <c>--lang vi|en</c> anywhere before <c>--</c>, else <c>WORKBOOK_LANG</c>, else the
/// UI culture (<c>vi</c>, <c>vi-VN</c> mean Vietnamese), else English. Only the UI culture changes: numbers stay invariant.
/// </summary>
public static class UiLanguage
{
    public const string Option = "--lang";

    public const string Variable = "WORKBOOK_LANG";

    /// <summary>The language the strings are read in now.</summary>
    public static Language Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>
    /// The chosen language and the arguments without <c>--lang</c> (Spectre knows no global options, so the verb never
    /// sees it). An unknown language is a <see cref="UsageException"/>.
    /// </summary>
    public static (Language Language, string[] Arguments) Choose(IReadOnlyList<string> arguments, string? variable, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(culture);
        var rest = new List<string>(arguments.Count);
        string? flag = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                rest.AddRange(arguments.Skip(i));
                break;
            }

            if (argument == Option)
            {
                flag = i + 1 < arguments.Count ? arguments[++i] : throw new UsageException(CommonText.LangNeedsValue(Option));
            }
            else if (argument.StartsWith(Option + "=", StringComparison.Ordinal))
            {
                flag = argument[(Option.Length + 1)..];
            }
            else
            {
                rest.Add(argument);
            }
        }

        var language = flag is not null ? Parse(flag) ?? throw new UsageException(CommonText.UnknownLanguage(flag, Option))
            : !string.IsNullOrWhiteSpace(variable) ? Parse(variable) ?? throw new UsageException(CommonText.UnknownLanguage(variable, Variable))
            : Of(culture);
        return (language, [.. rest]);
    }

    /// <summary>
    /// Makes <paramref name="language"/> the UI culture of this thread and of every thread started later. The formatting
    /// culture becomes invariant, so <c>LANG=vi_VN.UTF-8</c> prints the same numbers as any other locale.
    /// </summary>
    public static void Apply(Language language)
    {
        var ui = language == Language.Vietnamese ? CultureInfo.GetCultureInfo("vi") : CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = ui;
        CultureInfo.DefaultThreadCurrentUICulture = ui;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
    }

    /// <summary>"vi", "VI", "vi-VN" are Vietnamese; "en", "en-US" English; anything else null.</summary>
    public static Language? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim().Split('-', '_', '.')[0].ToLowerInvariant();
        return code switch
        {
            "vi" => Language.Vietnamese,
            "en" => Language.English,
            _ => null,
        };
    }

    // By name, not TwoLetterISOLanguageName, which globalization-invariant mode does not know for "vi".
    private static Language Of(CultureInfo culture) => Parse(culture.Name) ?? Language.English;
}
