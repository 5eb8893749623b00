using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbook.Cli.Tests;

/// <summary>
/// The CLI's texts read in-process are English, whatever the locale of the machine that runs the tests (a Vietnamese
/// student's included); a test that wants Vietnamese says so with <see cref="UiCultureScope"/>.
/// </summary>
public static class EnglishByDefault
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The test assembly must fix the UI culture before any test reads a text.")]
    public static void Apply()
    {
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
