using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workbook.Cli.Localization;

/// <summary>
/// How a <c>.vi.resx</c> has drifted from its neutral <c>.resx</c>: a key in one and not the other, an empty value, or a
/// translation that does not use the same placeholders (<c>{0}</c>, <c>{1:0.0}</c>…) as the English string.
/// </summary>
public static partial class ResourceDrift
{
    public static IReadOnlyList<string> Compare(string name, string neutralXml, string vietnameseXml)
    {
        var english = Strings(neutralXml);
        var vietnamese = Strings(vietnameseXml);
        var problems = new List<string>();
        problems.AddRange(english.Keys.Where(k => !vietnamese.ContainsKey(k)).Select(k => $"{name}: the key '{k}' has no Vietnamese string."));
        problems.AddRange(vietnamese.Keys.Where(k => !english.ContainsKey(k)).Select(k => $"{name}: the key '{k}' is only in the Vietnamese file."));
        problems.AddRange(english.Concat(vietnamese).Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => $"{name}: the key '{s.Key}' has an empty value."));
        problems.AddRange(english.Where(s => vietnamese.TryGetValue(s.Key, out var translated) && !Placeholders(s.Value).SetEquals(Placeholders(translated)))
            .Select(s => $"{name}: the key '{s.Key}' does not use the same placeholders in both languages."));
        return problems;
    }

    private static Dictionary<string, string> Strings(string xml) =>
        XDocument.Parse(xml).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string value) =>
        [.. Placeholder().Matches(value).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)[,:}]")]
    private static partial Regex Placeholder();
}
