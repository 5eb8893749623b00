using System.Globalization;
using Spectre.Console.Cli;
using Workbook.Cli.Commands;
using Workbook.Cli.Engine;
using Workbook.Cli.Localization;
using Workbook.Cli.Running;

namespace Workbook.Cli;

/// <summary>The verbs of the <c>workbook</c> command and how errors are shown: one line, no stack trace.</summary>
public static class WorkbookApp
{
    /// <summary>Chooses the language (<see cref="UiLanguage"/>), then runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string[] rest;
        try
        {
            var (language, arguments) = UiLanguage.Choose(args, Environment.GetEnvironmentVariable(UiLanguage.Variable), CultureInfo.CurrentUICulture);
            UiLanguage.Apply(language);
            rest = arguments;
        }
        catch (UsageException e)
        {
            return Report(e);
        }

        return await Create().RunAsync(rest, cancellationToken);
    }

    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("workbook");
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription(CommonText.DoctorDescription);
            config.AddCommand<ProgressCommand>("progress")
                .WithDescription(CommonText.ProgressDescription);
            config.AddCommand<WatchCommand>("watch")
                .WithDescription(CommonText.WatchDescription)
                .WithExample("watch", "01");
            config.AddCommand<HintCommand>("hint")
                .WithDescription(CommonText.HintDescription)
                .WithExample("hint", "06", "--level", "2");
            config.AddCommand<GradeCommand>("grade")
                .WithDescription(CommonText.GradeDescription)
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
            OperationCanceledException => (CommonText.Cancelled, ExitCodes.CannotRun),
            _ => ($"{exception.GetType().Name}: {exception.Message}", ExitCodes.CannotRun),
        };
        Console.Error.WriteLine("workbook: " + message);
        return code;
    }
}
