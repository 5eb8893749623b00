using System.Globalization;
using System.Text.Json;

namespace Workbook.Harness;

/// <summary>
/// One lesson's Stryker.NET result (its <c>mutation-report.json</c>, the mutation-testing-elements schema) as one line
/// of counts and score, then every survivor and uncovered mutant with its place and replacement, so that each can be
/// accounted for in docs/grading-quality.md. Score = (killed + timeout) / (killed + timeout + survived + no coverage).
/// </summary>
internal static class StrykerReport
{
    public const double Target = 90;

    public static int Print(TextWriter output, string report)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var mutants = new List<(string File, int Line, string Mutator, string Replacement, string Status)>();
        foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
        {
            foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
            {
                mutants.Add((
                    file.Name,
                    mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32(),
                    mutant.GetProperty("mutatorName").GetString() ?? "",
                    mutant.TryGetProperty("replacement", out var r) ? r.GetString() ?? "" : "",
                    mutant.GetProperty("status").GetString() ?? ""));
            }
        }

        int Count(string status) => mutants.Count(m => m.Status == status);
        var (killed, survived, timeout, none) = (Count("Killed"), Count("Survived"), Count("Timeout"), Count("NoCoverage"));
        var valid = killed + survived + timeout + none;
        var score = valid == 0 ? 0 : 100.0 * (killed + timeout) / valid;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{killed} killed, {survived} survived, {timeout} timeout, {none} no coverage, {Count("CompileError")} compile error, {Count("Ignored")} ignored; score {score:0.0} %"));
        foreach (var m in mutants.Where(m => m.Status is "Survived" or "NoCoverage").OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line))
        {
            var replacement = m.Replacement.ReplaceLineEndings(" ");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {m.Status}: {Path.GetFileName(m.File)}:{m.Line} {m.Mutator}: {(replacement.Length > 100 ? replacement[..100] + "…" : replacement)}"));
        }

        return valid > 0 && score >= Target ? 0 : 1;
    }
}
