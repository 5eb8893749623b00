using Workbook.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await WorkbookApp.Create().RunAsync(args, cancellation.Token);
