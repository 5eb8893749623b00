using Workbook.Infrastructure.Testing;

namespace Workbook.Tests.Testing;

public sealed class StackTraceTrimmerTests
{
    private const string Separator = "--- End of stack trace from previous location ---";

    [Fact]
    public void Framework_frames_go_and_the_students_and_tests_frames_stay()
    {
        var trace = string.Join('\n',
            "   at FluentAssertions.Execution.LateBoundTestFramework.Throw(String message)",
            "   at FluentAssertions.Execution.AssertionScope.FailWith(String message, Object[] args)",
            "   at Workbook.Lessons.ArticleViews.ViewAsync(Int64 articleId) in /w/Exercises/01-ArticleViews/ArticleViews.cs:line 25",
            "   at Workbook.Exercises.Tests.Lesson01.ArticleViewsTests.Seed_example() in /w/Exercises.Tests/01-ArticleViews/ArticleViewsTests.cs:line 12",
            Separator,
            "   at Xunit.v3.TestRunner.InvokeTestMethodAsync(ExceptionAggregator aggregator)",
            Separator);

        StackTraceTrimmer.Trim(trace).Should().Be(string.Join('\n',
            "   at Workbook.Lessons.ArticleViews.ViewAsync(Int64 articleId) in /w/Exercises/01-ArticleViews/ArticleViews.cs:line 25",
            "   at Workbook.Exercises.Tests.Lesson01.ArticleViewsTests.Seed_example() in /w/Exercises.Tests/01-ArticleViews/ArticleViewsTests.cs:line 12"));
    }

    [Fact]
    public void A_separator_between_two_kept_frames_stays_once()
    {
        var trace = string.Join("\r\n",
            "   at Workbook.Lessons.TaskQueue`1.DequeueAsync() in /w/TaskQueue.cs:line 40",
            Separator,
            "   at FluentAssertions.Specialized.AsyncFunctionAssertions`2.InvokeWithInterceptionAsync(Func`1 action)",
            Separator,
            "   at Workbook.Exercises.Tests.Lesson03.TaskQueueTests.Seed_example() in /w/TaskQueueTests.cs:line 20");

        StackTraceTrimmer.Trim(trace).Should().Be(string.Join("\r\n",
            "   at Workbook.Lessons.TaskQueue`1.DequeueAsync() in /w/TaskQueue.cs:line 40",
            Separator,
            "   at Workbook.Exercises.Tests.Lesson03.TaskQueueTests.Seed_example() in /w/TaskQueueTests.cs:line 20"));
    }

    [Fact]
    public void Xunit_formatted_frames_and_message_lines_are_handled()
    {
        var text = string.Join('\n',
            "Expected a <System.ArgumentException> to be thrown, but found <System.InvalidOperationException>:",
            "System.InvalidOperationException: at capacity",
            "   at Workbook.Lessons.Queue.Add() in /w/Queue.cs:line 9",
            "   at FluentAssertions.Specialized.ActionAssertions.InvokeSubject().",
            "Exercises.Tests/03-TaskQueue/TaskQueueTests.cs(20,0): at Workbook.Exercises.Tests.Lesson03.TaskQueueTests.Seed_example()",
            "src/xunit.v3.core/TestRunner.cs(44,0): at Xunit.v3.TestRunner.RunAsync()");

        StackTraceTrimmer.Trim(text).Should().Be(string.Join('\n',
            "Expected a <System.ArgumentException> to be thrown, but found <System.InvalidOperationException>:",
            "System.InvalidOperationException: at capacity",
            "   at Workbook.Lessons.Queue.Add() in /w/Queue.cs:line 9",
            "Exercises.Tests/03-TaskQueue/TaskQueueTests.cs(20,0): at Workbook.Exercises.Tests.Lesson03.TaskQueueTests.Seed_example()"));
    }

    [Fact]
    public void Text_without_framework_frames_is_unchanged() =>
        StackTraceTrimmer.Trim("   at Workbook.Lessons.A.B() in /w/A.cs:line 1").Should().Be("   at Workbook.Lessons.A.B() in /w/A.cs:line 1");
}
