namespace Workbook.Cli.Localization;

/// <summary>The languages the workbook command speaks.</summary>
public enum Language
{
    English,
    Vietnamese,
}
