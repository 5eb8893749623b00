using System.Globalization;
using System.Xml.Linq;
using Workbook.Cli.Results;

namespace Workbook.Cli.Grading;

/// <summary>
/// The grade report as JUnit XML: one <c>testsuite</c> per level × skill cell (an empty one for a cell with no tests),
/// one <c>testcase</c> per result, the rubric items as properties.
/// </summary>
public static class JUnitReport
{
    public static string Write(GradeReport report)
    {
        var suites = report.Cells.Select(cell =>
        {
            var cases = report.Tests.Where(t => t.Test.Level == cell.Level && t.Test.Skill == cell.Skill)
                .SelectMany(test => test.Results.Select(result => Case(test, result)))
                .ToList();
            return new XElement(
                "testsuite",
                new XAttribute("name", $"{cell.Level} {cell.Skill}"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                new XElement(
                    "properties",
                    new XElement("property", new XAttribute("name", "status"), new XAttribute("value", cell.Score.Status)),
                    new XElement("property", new XAttribute("name", "credit"), new XAttribute("value", Credit(cell.Score))),
                    cell.Items.Select(item => new XElement(
                        "property",
                        new XAttribute("name", "rubric:" + item.Name),
                        new XAttribute("value", item.Score.Describe())))),
                cases);
        });
        var root = new XElement(
            "testsuites",
            new XAttribute("name", $"Workbook grade — {report.Target}"),
            new XAttribute("tests", report.Overall.Total + report.Overall.Skipped),
            new XAttribute("failures", report.Overall.Total - report.Overall.Passed),
            new XAttribute("score", report.TotalPercent.ToString("0.0", CultureInfo.InvariantCulture)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static string Credit(Score score) =>
        score.Credit is { } credit ? credit.ToString("0.####", CultureInfo.InvariantCulture) : "no tests";

    private static XElement Case(GradedTest test, TestResult result)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("classname", test.Test.ClassName),
            new XAttribute("name", result.DisplayName.StartsWith(test.Test.ClassName + ".", StringComparison.Ordinal) ? result.DisplayName[(test.Test.ClassName.Length + 1)..] : result.DisplayName),
            new XElement("properties", test.Test.RubricItems.Select(r => new XElement("property", new XAttribute("name", "rubric"), new XAttribute("value", r)))));
        switch (result.Outcome)
        {
            case TestOutcome.Failed:
            case TestOutcome.NotRun:
                element.Add(new XElement("failure", new XAttribute("message", result.Message ?? result.Outcome.ToString())));
                break;
            case TestOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", result.Message ?? "skipped")));
                break;
            default:
                break;
        }

        return element;
    }
}
