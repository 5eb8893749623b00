using System.Xml.Linq;

namespace Workbook.Cli.Results;

/// <summary>
/// Reads the results of <c>dotnet test --logger trx</c>. Each <c>UnitTestResult</c> is joined through its
/// <c>testId</c> to the <c>TestMethod</c> definition (class and method name); when that is missing, the
/// <c>testName</c> without its theory arguments is used.
/// </summary>
public static class TrxReader
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>All results of all <c>*.trx</c> files in a folder (not recursive into attachments).</summary>
    public static IReadOnlyList<TestResult> ReadFolder(string folder)
    {
        if (File.Exists(folder) && folder.EndsWith(".trx", StringComparison.OrdinalIgnoreCase))
        {
            return ReadFile(folder);
        }

        if (!Directory.Exists(folder))
        {
            throw new UsageException($"The results folder {folder} does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.trx", SearchOption.TopDirectoryOnly);
        if (files.Length == 0)
        {
            throw new UsageException($"No TRX files in {folder}: make them with dotnet test Exercises.Tests --logger trx --results-directory {folder}.");
        }

        return [.. files.Order(StringComparer.Ordinal).SelectMany(ReadFile)];
    }

    public static IReadOnlyList<TestResult> ReadFile(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (System.Xml.XmlException e)
        {
            throw new UsageException($"{path} is not a TRX file: {e.Message}");
        }

        var definitions = document.Descendants(Ns + "UnitTest")
            .Select(test => (Id: (string?)test.Attribute("id"), Method: test.Element(Ns + "TestMethod")))
            .Where(d => d.Id is not null && d.Method is not null)
            .GroupBy(d => d.Id!)
            .ToDictionary(g => g.Key, g => $"{(string?)g.First().Method!.Attribute("className")}.{(string?)g.First().Method!.Attribute("name")}");

        return [.. document.Descendants(Ns + "UnitTestResult").Select(result =>
        {
            var display = (string?)result.Attribute("testName") ?? string.Empty;
            var id = (string?)result.Attribute("testId");
            var fullName = id is not null && definitions.TryGetValue(id, out var defined) ? defined : WithoutArguments(display);
            var message = result.Descendants(Ns + "Message").FirstOrDefault()?.Value;
            return new TestResult(fullName, display, Outcome((string?)result.Attribute("outcome")), FirstLine(message));
        })];
    }

    private static string WithoutArguments(string testName)
    {
        var open = testName.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? testName : testName[..open];
    }

    private static TestOutcome Outcome(string? outcome) => outcome switch
    {
        "Passed" => TestOutcome.Passed,
        "NotExecuted" or "Inconclusive" => TestOutcome.Skipped,
        _ => TestOutcome.Failed,
    };

    private static string? FirstLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split('\n')[0].Trim();
}
