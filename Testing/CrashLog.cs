using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbook.Testing;

/// <summary>
/// When <c>WORKBOOK_CRASH_LOG</c> names a folder (CI sets it), an exception that would end the test process (thrown on
/// a thread nobody awaits) is written there, one file per process, before the runtime aborts. `dotnet test` reports
/// only "Test process crashed with exit code 134"; CI prints these files so the next crash names its cause.
/// </summary>
internal static class CrashLog
{
    public const string Variable = "WORKBOOK_CRASH_LOG";

#pragma warning disable CA2255 // Every test assembly loads this library before its first test: the earliest point it can be set up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } folder)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            try
            {
                Directory.CreateDirectory(folder);
                var process = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                File.AppendAllText(
                    Path.Combine(folder, $"{AppDomain.CurrentDomain.FriendlyName}-{process}.txt"),
                    $"{DateTimeOffset.UtcNow:O} unhandled exception in {AppDomain.CurrentDomain.FriendlyName} (pid {process}):\n{e.ExceptionObject}\n");
            }
            catch (IOException)
            {
                // Nothing more can be done for a process that is ending.
            }
        };
    }
}
