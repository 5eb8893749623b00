namespace Workbook.Cli.Similarity;

/// <summary>The C# files of each lesson, by lesson number (<c>01</c>, <c>B2</c>): a student's, the stubs or the solutions.</summary>
/// <param name="Lessons">Lesson number → the lesson's <c>.cs</c> files.</param>
public sealed record LessonSources(IReadOnlyDictionary<string, IReadOnlyList<string>> Lessons)
{
    /// <summary>The lessons under a folder laid out as <c>Exercises/</c> and <c>Solutions/</c> are: <c>NN-Name/**/*.cs</c>.</summary>
    /// <param name="folder">E.g. a checkout's <c>Exercises</c> folder; a missing folder has no lessons.</param>
    public static LessonSources FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            return new LessonSources(new Dictionary<string, IReadOnlyList<string>>());
        }

        var lessons = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var lesson in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(lesson);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0)
            {
                continue;
            }

            var files = Directory.EnumerateFiles(lesson, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(lesson, f)))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count > 0)
            {
                lessons[name[..dash]] = files;
            }
        }

        return new LessonSources(lessons);
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
