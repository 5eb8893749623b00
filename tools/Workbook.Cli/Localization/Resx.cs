using System.Globalization;
using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>Reads one string of a resource file in the current UI culture; composite ones are filled in invariantly.</summary>
internal static class Resx
{
    public static string Get(ResourceManager resources, string key) =>
        resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new MissingManifestResourceException($"No string '{key}' in {resources.BaseName}.");

    public static string Format(ResourceManager resources, string key, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, Get(resources, key), arguments);
}
