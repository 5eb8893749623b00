using System.Globalization;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Tests;

/// <summary>Reads the CLI's strings in one language for the length of a using block, then restores the culture.</summary>
public sealed class UiCultureScope : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UiCultureScope(Language language) =>
        CultureInfo.CurrentUICulture = language == Language.Vietnamese ? CultureInfo.GetCultureInfo("vi") : CultureInfo.InvariantCulture;

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}
