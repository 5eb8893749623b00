using Spectre.Console;
using Workbook.Cli;

if (ConsoleWidth.ForThisProcess() is { } width)
{
    AnsiConsole.Profile.Width = width;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await WorkbookApp.RunAsync(args, cancellation.Token);
