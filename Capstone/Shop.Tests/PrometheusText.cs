using System.Globalization;
using System.Net;
using System.Text;
using FluentAssertions;

namespace Workbook.Shop.Tests;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",…} value [timestamp]</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A scrape in the Prometheus text exposition format (version 0.0.4), parsed: comments (<c># HELP</c>, <c># TYPE</c>,
/// <c># EOF</c>) are skipped, label values are unescaped (<c>\\</c>, <c>\"</c>, <c>\n</c>).
/// </summary>
internal sealed class PrometheusText(IReadOnlyList<PrometheusSample> samples)
{
    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    /// <summary>GETs <c>/metrics</c> and parses it; fails the test on anything but 200.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync("/metrics", ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the scrape endpoint answers in every role");
        return Parse(await response.Content.ReadAsStringAsync(ct));
    }

    public static PrometheusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new PrometheusText(samples);
    }

    /// <summary>
    /// The sum over the series of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>
    /// (like PromQL's <c>sum(name{…})</c>); null when there is no such series.
    /// </summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = Series(name, labels);
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    /// <summary>The series of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<PrometheusSample> Series(string name, params (string Label, string Value)[] labels) =>
        [.. Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))];

    private static PrometheusSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < line.Length && line[at] != '{' && line[at] != ' ')
        {
            at++;
        }

        var name = line[..at];
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals].Trim();
                at = equals + 1;
                if (line[at] != '"')
                {
                    throw new FormatException($"Label {label} has no quoted value: {line}");
                }

                at++;
                var value = new StringBuilder();
                while (line[at] != '"')
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] == 'n' ? '\n' : line[at]);
                    }
                    else
                    {
                        value.Append(line[at]);
                    }

                    at++;
                }

                labels[label] = value.ToString();
                at++;
                if (line[at] == ',')
                {
                    at++;
                }
            }

            at++;
        }

        var fields = line[at..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new PrometheusSample(name, labels, ParseValue(fields[0]));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
