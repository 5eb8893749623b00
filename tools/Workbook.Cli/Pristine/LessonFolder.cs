using System.Text.RegularExpressions;

namespace Workbook.Cli.Pristine;

/// <summary>Which lesson a path belongs to: <c>Exercises/04-Logs/…</c> and <c>Exercises.Tests/04-Logs/…</c> are lesson 04.</summary>
public static partial class LessonFolder
{
    /// <summary>The lesson of a relative path, or null when it is in no lesson folder.</summary>
    public static string? Of(string relative)
    {
        var match = LessonPath().Match(relative.Replace('\\', '/'));
        return match.Success ? match.Groups["lesson"].Value : null;
    }

    /// <summary>The lesson a folder name stands for ("04-Logs" is 04), or null.</summary>
    public static string? OfFolderName(string name)
    {
        var match = FolderName().Match(name);
        return match.Success ? match.Groups["lesson"].Value : null;
    }

    [GeneratedRegex(@"^(?:Exercises|Exercises\.Tests)/(?<lesson>[0-9A-Za-z]{1,3})-[^/]+/")]
    private static partial Regex LessonPath();

    [GeneratedRegex(@"^(?<lesson>[0-9A-Za-z]{1,3})-.+$")]
    private static partial Regex FolderName();
}
