using System.Xml.Linq;

namespace Workbook.Harness;

/// <summary>One lesson test's result, read from the xUnit runner's <c>-xml</c> report.</summary>
internal sealed record TestOutcome(string Lesson, string Class, string Name, string Result, double Seconds, bool TimedOut, string Message)
{
    public bool Passed => Result == "Pass";

    public bool Red => Result == "Fail";

    public bool Skipped => Result == "Skip";

    /// <summary>The tests in an xUnit XML report; empty when the file is missing (the run was killed before writing it).</summary>
    public static IReadOnlyList<TestOutcome> Read(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return [];
        }

        return [.. XDocument.Load(path).Descendants("test").Select(test =>
        {
            var failure = test.Element("failure");
            var type = failure?.Attribute("exception-type")?.Value ?? "";
            var message = failure?.Element("message")?.Value ?? test.Element("reason")?.Value ?? "";
            var lesson = test.Element("traits")?.Elements("trait").FirstOrDefault(t => t.Attribute("name")?.Value == "Lesson")?.Attribute("value")?.Value ?? "?";
            return new TestOutcome(
                lesson,
                test.Attribute("type")?.Value ?? "",
                test.Attribute("name")?.Value ?? "",
                test.Attribute("result")?.Value ?? "",
                double.Parse(test.Attribute("time")?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                type.Contains("TestTimeoutException", StringComparison.Ordinal) || message.StartsWith("Test execution timed out", StringComparison.Ordinal),
                message);
        })];
    }
}
