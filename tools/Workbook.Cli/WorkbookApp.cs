using Spectre.Console.Cli;
using Workbook.Cli.Commands;
using Workbook.Cli.Engine;
using Workbook.Cli.Running;

namespace Workbook.Cli;

/// <summary>The verbs of the <c>workbook</c> command and how errors are shown: one line, no stack trace.</summary>
public static class WorkbookApp
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("workbook");
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription("Check the .NET SDK, Docker, redis-server and WORKBOOK_* settings; say which Redis and Kafka the tests will use.");
            config.AddCommand<ProgressCommand>("progress")
                .WithDescription("Run the lesson tests against your Exercises/ and show each lesson's status and what to do next.");
            config.AddCommand<WatchCommand>("watch")
                .WithDescription("Rerun a lesson's tests on every save under Exercises/, against a Redis kept warm, on one focused screen.")
                .WithExample("watch", "01");
            config.AddCommand<HintCommand>("hint")
                .WithDescription("Show a lesson's hints, one tier more per --level.")
                .WithExample("hint", "06", "--level", "2");
            config.AddCommand<GradeCommand>("grade")
                .WithDescription("Grade a checkout (pristine: its Exercises/**/*.cs with our tests, sandboxed) or a class: the rubric matrix with partial credit.")
                .WithExample("grade", "--exercises", "../student", "--format", "json", "--out", "grade.json")
                .WithExample("grade", "--class", "../submissions", "--out", "grades");
            config.SetExceptionHandler((exception, _) => Report(exception));
        });
        return app;
    }

    private static int Report(Exception exception)
    {
        var (message, code) = exception switch
        {
            UsageException or CommandAppException => (exception.Message, ExitCodes.Usage),
            TestsDidNotRunException or BackendFailedException => (exception.Message, ExitCodes.CannotRun),
            OperationCanceledException => ("Cancelled.", ExitCodes.CannotRun),
            _ => ($"{exception.GetType().Name}: {exception.Message}", ExitCodes.CannotRun),
        };
        Console.Error.WriteLine("workbook: " + message);
        return code;
    }
}
