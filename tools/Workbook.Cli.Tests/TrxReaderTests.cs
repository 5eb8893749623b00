using Workbook.Cli.Results;
using TestResult = Workbook.Cli.Results.TestResult;

namespace Workbook.Cli.Tests;

public sealed class TrxReaderTests
{
    [Fact]
    public void Theory_cases_join_on_class_and_method_and_skips_are_not_failures()
    {
        const string Trx = """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="a" testName="N.C.T(x: 1)" outcome="Passed" />
                <UnitTestResult testId="a" testName="N.C.T(x: 2)" outcome="Failed"><Output><ErrorInfo><Message>boom
            second line</Message></ErrorInfo></Output></UnitTestResult>
                <UnitTestResult testId="b" testName="N.C.S" outcome="NotExecuted" />
                <UnitTestResult testId="missing" testName="N.C.U(y: 3)" outcome="Passed" />
              </Results>
              <TestDefinitions>
                <UnitTest id="a" name="N.C.T"><TestMethod className="N.C" name="T" /></UnitTest>
                <UnitTest id="b" name="N.C.S"><TestMethod className="N.C" name="S" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """;
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.trx");
        File.WriteAllText(path, Trx);
        try
        {
            TrxReader.ReadFile(path).Should().Equal(
                new TestResult("N.C.T", "N.C.T(x: 1)", TestOutcome.Passed, null),
                new TestResult("N.C.T", "N.C.T(x: 2)", TestOutcome.Failed, "boom"),
                new TestResult("N.C.S", "N.C.S", TestOutcome.Skipped, null),
                new TestResult("N.C.U", "N.C.U(y: 3)", TestOutcome.Passed, null));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
