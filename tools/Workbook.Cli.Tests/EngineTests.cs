using Workbook.Cli.Engine;
using Workbook.Cli.Results;

namespace Workbook.Cli.Tests;

public sealed class EngineTests
{
    private const string CaseStarting = """{"$type":"test-case-starting","TestCaseUniqueID":"c1","TestClassName":"Workbook.Exercises.Tests.Lesson01.ArticleViewsTests","TestMethodName":"ViewAsync_returns_the_new_count"}""";
    private const string TestStarting = """{"$type":"test-starting","TestCaseUniqueID":"c1","TestUniqueID":"t1","TestDisplayName":"Workbook.Exercises.Tests.Lesson01.ArticleViewsTests.ViewAsync_returns_the_new_count","Timeout":10000}""";

    [Fact]
    public void A_failed_test_is_named_from_its_case_and_keeps_only_the_workbook_frames()
    {
        var reader = new AutomatedStreamReader();
        reader.Read(CaseStarting).Should().BeNull("a test case starting is bookkeeping, not an event");
        var started = reader.Read(TestStarting).Should().BeOfType<TestStarted>().Subject;
        started.Timeout.Should().Be(TimeSpan.FromSeconds(10), "the host reports each test's bound in milliseconds");

        var failed = reader.Read("""
            {"$type":"test-failed","TestUniqueID":"t1","ExceptionTypes":["System.NotImplementedException"],"Messages":["Lesson 01: implement ArticleViews.ViewAsync\nsecond line"],"StackTraces":["   at Workbook.Lessons.ArticleViews.ViewAsync(Int64 articleId) in /w/ArticleViews.cs:line 25\n   at Xunit.v3.TestRunner`2.InvokeTest()\n--- End of stack trace from previous location ---\n   at FluentAssertions.Execution.LateBoundTestFramework.Throw(String message)"]}
            """.ReplaceLineEndings(string.Empty));

        var result = failed.Should().BeOfType<TestEnded>().Subject.Result;
        result.FullName.Should().Be("Workbook.Exercises.Tests.Lesson01.ArticleViewsTests.ViewAsync_returns_the_new_count");
        result.Outcome.Should().Be(TestOutcome.Failed);
        result.Message.Should().Be("Lesson 01: implement ArticleViews.ViewAsync", "the first line is what reports list");
        result.Details.Should().Contain("System.NotImplementedException: Lesson 01").And.Contain("at Workbook.Lessons.ArticleViews.ViewAsync")
            .And.NotContain("Xunit.v3").And.NotContain("FluentAssertions").And.NotContain("End of stack trace");
    }

    [Fact]
    public void Skips_carry_their_reason_and_diagnostics_name_the_backend()
    {
        var reader = new AutomatedStreamReader();
        reader.Read(CaseStarting);
        reader.Read(TestStarting);

        var skipped = reader.Read("""{"$type":"test-skipped","TestUniqueID":"t1","Reason":"needs a Redis Cluster"}""").Should().BeOfType<TestEnded>().Subject;
        skipped.Result.Outcome.Should().Be(TestOutcome.Skipped);
        skipped.Result.Message.Should().Be("needs a Redis Cluster");
        reader.Read("""{"$type":"diagnostic","Message":"Redis: embedded redis-server"}""").Should().Be(new HostDiagnostic("Redis: embedded redis-server"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text from a fixture")]
    [InlineData("{not json")]
    [InlineData("""{"$type":"test-passed","TestUniqueID":"never-started"}""")]
    public void Lines_that_are_not_events_are_ignored(string line) => new AutomatedStreamReader().Read(line).Should().BeNull();

    [Fact]
    public void Messages_keep_their_text_and_only_lose_framework_frames() =>
        FailureText.TrimStack("   at Workbook.Exercises.Tests.Lesson02.UserProfileCacheTests.Test() in /w/T.cs:line 9\n   at Xunit.v3.TestRunner`2.InvokeTest()\n")
            .Should().Be("   at Workbook.Exercises.Tests.Lesson02.UserProfileCacheTests.Test() in /w/T.cs:line 9");
}
