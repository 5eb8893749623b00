using System.Globalization;

namespace Workbook.Harness;

/// <summary>
/// Judges the run of the whole lesson suite against never-completing stubs: it must end within its bound and every
/// lesson test must be red (a test that passes while the class under test never answers grades nothing).
/// </summary>
internal static class NeverReport
{
    public static int Print(TextWriter output, IReadOnlyList<TestOutcome> tests, int boundSeconds, double seconds, int exitCode)
    {
        output.WriteLine($"{"lesson",-7} {"tests",5} {"red",5} {"timed out",9} {"passed",6} {"skipped",7} {"wall s",7}");
        foreach (var lesson in tests.GroupBy(t => t.Lesson).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Classes run in parallel, a class's tests one after another: the lesson's wall time is its slowest class.
            var wall = lesson.GroupBy(t => t.Class).Max(c => c.Sum(t => t.Seconds));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{lesson.Key,-7} {lesson.Count(),5} {lesson.Count(t => t.Red),5} {lesson.Count(t => t.TimedOut),9} {lesson.Count(t => t.Passed),6} {lesson.Count(t => t.Skipped),7} {wall,7:0.0}"));
        }

        var passed = tests.Where(t => t.Passed).ToList();
        foreach (var test in passed)
        {
            output.WriteLine($"PASSED against never-completing stubs (grades nothing): {test.Name}");
        }

        foreach (var test in tests.Where(t => t.Skipped))
        {
            output.WriteLine($"skipped: {test.Name}: {test.Message}");
        }

        var overran = exitCode == 124 || seconds > boundSeconds;
        if (overran)
        {
            output.WriteLine($"OVERRAN: the run took {seconds:0} s (exit {exitCode}); the bound is {boundSeconds} s");
        }

        if (tests.Count == 0)
        {
            output.WriteLine($"no results: the test run wrote no report (exit {exitCode})");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"never-completing stubs: {tests.Count} tests, {tests.Count(t => t.Red)} red, {passed.Count} passed, finished in {seconds:0} s (bound {boundSeconds} s)"));
        return tests.Count == 0 || passed.Count > 0 || overran ? 1 : 0;
    }
}
