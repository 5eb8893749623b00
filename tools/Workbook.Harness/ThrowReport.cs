using System.Globalization;

namespace Workbook.Harness;

/// <summary>
/// Judges the member-by-member runs (each solution member in turn throwing, as its stub does): every run ends within
/// its lesson's bound, at least one test is red (else the member is untested), and every red test failed at once
/// rather than by its timeout (a timeout there is a wait that the NotImplementedException made pointless).
/// </summary>
internal static class ThrowReport
{
    /// <param name="output">Where the table goes.</param>
    /// <param name="results">Per member: <c>Id.xml</c> (the runner's report), <c>Id.run</c> ("exit seconds").</param>
    /// <param name="members">Rows of <c>id lesson bound</c>, tab-separated.</param>
    public static int Print(TextWriter output, string results, string members)
    {
        var rows = File.ReadAllLines(members).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        var width = Math.Max(6, rows.Max(r => r[0].Length));
        output.WriteLine($"{"member".PadRight(width)} {"lesson",6} {"tests",5} {"red",4} {"timed out",9} {"wall s",6} {"bound",5}  verdict");
        var verdicts = new List<string>();
        var slowWaits = new List<string>();
        foreach (var row in rows)
        {
            var (id, lesson, bound) = (row[0], row[1], int.Parse(row[2], CultureInfo.InvariantCulture));
            var tests = TestOutcome.Read(Path.Combine(results, id + ".xml"));
            var run = File.Exists(Path.Combine(results, id + ".run")) ? File.ReadAllText(Path.Combine(results, id + ".run")).Split(' ') : ["?", "0"];
            var seconds = double.Parse(run[1], CultureInfo.InvariantCulture);
            var timedOut = tests.Where(t => t.Red && t.TimedOut).ToList();
            var verdict = run[0] == "124" || seconds > bound ? "OVERRAN"
                : tests.Count == 0 ? "NO RESULTS"
                : !tests.Any(t => t.Red) ? "UNTESTED"
                : timedOut.Count > 0 ? "POINTLESS WAIT"
                : "ok";
            verdicts.Add(verdict);
            slowWaits.AddRange(timedOut.Select(t => $"{id}: {t.Name} waited for its timeout ({t.Seconds:0} s)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{id.PadRight(width)} {lesson,6} {tests.Count,5} {tests.Count(t => t.Red),4} {timedOut.Count,9} {seconds,6:0} {bound,5}  {verdict}"));
        }

        foreach (var line in slowWaits)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"throwing members: {rows.Count} members, {verdicts.Count(v => v == "ok")} ok, {verdicts.Count(v => v == "UNTESTED")} untested, "
            + $"{verdicts.Count(v => v == "POINTLESS WAIT")} with a pointless wait, {verdicts.Count(v => v is "OVERRAN" or "NO RESULTS")} overran or wrote no results");
        return verdicts.All(v => v == "ok") ? 0 : 1;
    }
}
