namespace Workbook.Cli.Grading;

/// <summary>
/// A difference between the student's checkout and the pristine workbook outside <c>Exercises/**/*.cs</c>, which
/// pristine grading did not use: an edited test, csproj, props file or contract.
/// </summary>
/// <param name="Path">Relative to the checkout, with <c>/</c>; a folder ends with <c>/</c>.</param>
/// <param name="Change"><c>added</c>, <c>changed</c> or <c>removed</c>.</param>
/// <param name="Files">How many files the entry stands for (a whole folder added or removed is one entry).</param>
public sealed record IgnoredChange(string Path, string Change, int Files = 1)
{
    public string Describe() => Files == 1 ? $"{Change}: {Path}" : $"{Change}: {Path} ({Files} files)";
}
