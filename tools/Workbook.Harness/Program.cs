using System.Globalization;
using Workbook.Harness;

// The hang harness's C# half; scripts/hang-harness drives it (copy, build, run under `timeout`). docs/hang-harness.md.
const string Usage = """
    usage: Workbook.Harness never <copy>                      make every awaitable stub in <copy>/Exercises never complete
           Workbook.Harness schemata <copy> <members.tsv>     give every stub member a throw switch in <copy>/Solutions
           Workbook.Harness bound <copy> [lesson]             seconds a run of the lesson suite (or one lesson) may take
           Workbook.Harness report-never <xml> <bound> <seconds> <exit>
           Workbook.Harness report-throw <results> <members.tsv>
           Workbook.Harness report-mutants <results> <mutants.tsv>
           Workbook.Harness report-stryker <mutation-report.json>
    """;

try
{
    switch (args)
    {
        case ["never", var root]:
            var never = Rewrites.NeverComplete(root);
            Console.WriteLine($"never-completing: {never.Count} awaitable stub members rewritten");
            return 0;
        case ["schemata", var root, var members]:
            var bounds = LessonBounds.Read(root);
            var stubs = Rewrites.FindStubs(root);
            var switched = Rewrites.MutantSchemata(root, stubs);
            foreach (var missing in stubs.Except(switched))
            {
                Console.Error.WriteLine($"schemata: {missing.Id} is a stub in Exercises/ but was not found in Solutions/");
            }

            File.WriteAllLines(members, switched.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Id}\t{m.Lesson}\t{bounds.RunSeconds(m.Lesson)}")));
            Console.WriteLine($"schemata: {switched.Count} of {stubs.Count} stub members can be made to throw");
            return switched.Count == stubs.Count ? 0 : 1;
        case ["bound", var root]:
            Console.WriteLine(LessonBounds.Read(root).RunSeconds(null));
            return 0;
        case ["bound", var root, var lesson]:
            Console.WriteLine(LessonBounds.Read(root).RunSeconds(lesson));
            return 0;
        case ["report-never", var xml, var bound, var seconds, var exit]:
            return NeverReport.Print(
                Console.Out,
                TestOutcome.Read(xml),
                int.Parse(bound, CultureInfo.InvariantCulture),
                double.Parse(seconds, CultureInfo.InvariantCulture),
                int.Parse(exit, CultureInfo.InvariantCulture));
        case ["report-throw", var results, var members]:
            return ThrowReport.Print(Console.Out, results, members);
        case ["report-mutants", var results, var mutants]:
            return MutantReport.Print(Console.Out, results, mutants);
        case ["report-stryker", var report]:
            return StrykerReport.Print(Console.Out, report);
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException)
{
    Console.Error.WriteLine($"hang harness: {e.Message}");
    return 2;
}
