namespace Workbook.Cli.Pristine;

/// <summary>
/// The student's <c>Exercises/**/*.cs</c>: by lesson folder (<c>Exercises/NN-Name/</c>), and the files outside any
/// lesson folder. A lesson folder the student has replaces ours whole; one they do not have keeps our stubs.
/// </summary>
/// <param name="Root">The student's checkout.</param>
/// <param name="Lessons">Lesson → its folder name and its source files, relative to the checkout.</param>
/// <param name="Extras">Sources under <c>Exercises/</c> outside every lesson folder.</param>
public sealed record StudentSources(string Root, IReadOnlyDictionary<string, LessonSources> Lessons, IReadOnlyList<string> Extras)
{
    /// <summary>Reads the checkout; it must have an <c>Exercises/</c> folder.</summary>
    public static StudentSources Read(string root)
    {
        var exercises = Path.Combine(root, "Exercises");
        if (!Directory.Exists(exercises))
        {
            throw new UngradableCheckoutException(UngradableCheckoutException.NoExercises, $"{root} is not a workbook checkout: it has no Exercises/ folder.");
        }

        var lessons = new SortedDictionary<string, LessonSources>(StringComparer.Ordinal);
        foreach (var folder in new DirectoryInfo(exercises).EnumerateDirectories())
        {
            if (LessonFolder.OfFolderName(folder.Name) is { } lesson && folder.LinkTarget is null && !WorkbookFiles.Noise.Contains(folder.Name))
            {
                var files = WorkbookFiles.Walk(folder.FullName)
                    .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                    .Select(f => $"Exercises/{folder.Name}/{f}")
                    .ToList();
                var existing = lessons.TryGetValue(lesson, out var other) ? other.Files : [];
                lessons[lesson] = new LessonSources(folder.Name, [.. existing, .. files]);
            }
        }

        var extras = WorkbookFiles.Walk(exercises)
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Select(f => "Exercises/" + f)
            .Where(f => LessonFolder.Of(f) is null)
            .ToList();
        return new StudentSources(Path.GetFullPath(root), lessons, extras);
    }

    /// <summary>Lesson → the absolute paths of the student's files (for comparing students with each other).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AbsolutePaths() =>
        Lessons.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)[.. l.Value.Files.Select(f => Path.Combine(Root, f))], StringComparer.Ordinal);
}
