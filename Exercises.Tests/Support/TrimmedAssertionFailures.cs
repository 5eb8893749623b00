using System.Diagnostics;
using System.Runtime.CompilerServices;
using FluentAssertions.Common;
using FluentAssertions.Formatting;
using Workbook.Infrastructure.Testing;
using Xunit.Sdk;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// Installed once, when the test assembly loads: FluentAssertions failures become
/// <see cref="AssertionFailedException"/>s whose message and stack trace carry no FluentAssertions or xUnit frames,
/// and a stub's <see cref="NotImplementedException"/> inside a message reads "not implemented yet".
/// </summary>
internal static class TrimmedAssertionFailures
{
#pragma warning disable CA2255 // The test assembly is the application here: its failures must be set up before any test runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        Services.ThrowException = Throw;
        Formatter.AddFormatter(new NotImplementedValueFormatter());
    }

    [StackTraceHidden]
    private static void Throw(string message) => throw new AssertionFailedException(StackTraceTrimmer.Trim(message));
}
