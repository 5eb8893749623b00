using System.Globalization;

namespace Workbook.Harness;

/// <summary>
/// Judges the hand-written wrong answers (scripts/mutation --seeds, docs/grading-quality.md): each one, built in place of
/// its solution file, must compile, its lesson run must end within its bound, and the test its header names must be
/// red. A wrong answer that every test passes is a hole in the suite; one that only other tests catch means the test
/// meant for it no longer does its job.
/// </summary>
internal static class MutantReport
{
    /// <param name="output">Where the table goes.</param>
    /// <param name="results">Per mutant: <c>name.xml</c> (the runner's report), <c>name.run</c> ("exit seconds", or "build 0").</param>
    /// <param name="mutants">Rows of <c>name lesson bound expected-test</c>, tab-separated.</param>
    public static int Print(TextWriter output, string results, string mutants)
    {
        var rows = File.ReadAllLines(mutants).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        if (rows.Count == 0)
        {
            output.WriteLine("wrong answers: none selected");
            return 1;
        }

        var width = Math.Max(6, rows.Max(r => r[0].Length));
        output.WriteLine($"{"wrong answer".PadRight(width)} {"lesson",6} {"tests",5} {"red",4} {"wall s",6}  verdict");
        var verdicts = new List<string>();
        foreach (var row in rows)
        {
            var (name, lesson, bound, expected) = (row[0], row[1], int.Parse(row[2], CultureInfo.InvariantCulture), row[3]);
            var tests = TestOutcome.Read(Path.Combine(results, name + ".xml"));
            var runFile = Path.Combine(results, name + ".run");
            var run = File.Exists(runFile) ? File.ReadAllText(runFile).Split(' ') : ["?", "0"];
            var seconds = double.Parse(run[1], CultureInfo.InvariantCulture);
            var red = tests.Where(t => t.Red).ToList();
            var verdict = run[0] == "build" ? "DID NOT COMPILE"
                : run[0] == "124" || seconds > bound ? "OVERRAN"
                : tests.Count == 0 ? "NO RESULTS"
                : red.Count == 0 ? "SURVIVED"
                : !red.Exists(t => Names(t, expected)) ? $"NOT CAUGHT BY {expected}"
                : "killed";
            verdicts.Add(verdict);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)} {lesson,6} {tests.Count,5} {red.Count,4} {seconds,6:0}  {verdict}"));
            if (verdict.StartsWith("NOT CAUGHT", StringComparison.Ordinal))
            {
                output.WriteLine($"  red instead: {string.Join(", ", red.Select(t => t.Name))}");
            }
        }

        var killed = verdicts.Count(v => v == "killed");
        output.WriteLine($"wrong answers: {rows.Count} run, {killed} killed, {verdicts.Count(v => v == "SURVIVED")} survived, "
            + $"{verdicts.Count(v => v.StartsWith("NOT CAUGHT", StringComparison.Ordinal))} not caught by their named test, "
            + $"{verdicts.Count(v => v is "DID NOT COMPILE" or "OVERRAN" or "NO RESULTS")} did not compile, overran or wrote no results");
        return killed == rows.Count ? 0 : 1;
    }

    // The runner names a test "Namespace.Class.Method"; a header names it "Class.Method".
    private static bool Names(TestOutcome test, string expected) =>
        test.Name == expected || test.Name.EndsWith("." + expected, StringComparison.Ordinal);
}
