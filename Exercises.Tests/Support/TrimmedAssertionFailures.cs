using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentAssertions.Common;
using FluentAssertions.Formatting;
using Workbook.Infrastructure.Testing;
using Xunit.Sdk;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// Installed once, when the test assembly loads: FluentAssertions failures become
/// <see cref="AssertionFailedException"/>s whose message and stack trace carry no FluentAssertions or xUnit frames
/// (nor the list of equivalency options FluentAssertions appends), and a stub's <see cref="NotImplementedException"/>
/// inside a message reads "not implemented yet".
/// </summary>
internal static partial class TrimmedAssertionFailures
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
    private static void Throw(string message) =>
        throw new AssertionFailedException(EquivalencyOptions().Replace(StackTraceTrimmer.Trim(message), string.Empty));

    // "\n\nWith configuration:\n- Use declared types and members\n- …": how BeEquivalentTo compared, not what failed.
    [GeneratedRegex(@"\s*\n\s*With configuration:(?:\r?\n- [^\n]*)+", RegexOptions.CultureInvariant)]
    private static partial Regex EquivalencyOptions();
}
