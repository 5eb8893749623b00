namespace Workbook.Cli.Similarity;

/// <summary>
/// Lists, lesson by lesson, every student whose code is near-identical to <c>Solutions/</c> or to another student's:
/// the Jaccard index of their token k-gram sets (<see cref="Fingerprint"/>, the stub's k-grams taken away) at or above
/// a threshold. A signal for a person to look at, never a judgement: two people can write the same short answer.
/// The threshold and how it was chosen are in <c>docs/classroom.md</c>.
/// </summary>
public static class SimilarityCheck
{
    /// <summary>The name <see cref="SimilarPair.Against"/> has for the reference answers.</summary>
    public const string Solutions = "Solutions/";

    /// <summary>Tokens per k-gram: long enough that shared idioms (<c>await _redis.X(key)</c>) are not a match on their own.</summary>
    public const int GramLength = 8;

    /// <summary>Listed at or above this similarity (measured: docs/classroom.md).</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Fewer k-grams of one's own than this in a lesson is too little code to compare (a one-line answer matches by chance).</summary>
    public const int MinimumGrams = 20;

    /// <param name="students">The class; names should be distinct.</param>
    /// <param name="solutions">The reference answers, e.g. <c>LessonSources.FromFolder("Solutions")</c>.</param>
    /// <param name="stubs">The stubs handed out, whose k-grams are nobody's evidence, e.g. <c>LessonSources.FromFolder("Exercises")</c> of a clean checkout.</param>
    /// <param name="threshold">At or above this similarity a pair is listed; in (0, 1].</param>
    /// <param name="cancellationToken">Stops reading files.</param>
    public static async Task<SimilarityReport> FindAsync(
        IReadOnlyList<StudentSources> students,
        LessonSources solutions,
        LessonSources stubs,
        double threshold = DefaultThreshold,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(stubs);
        if (double.IsNaN(threshold) || threshold <= 0 || threshold > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a similarity in (0, 1].");
        }

        var unread = new List<string>();
        var pairs = new List<SimilarPair>();
        var lessons = students.SelectMany(s => s.Sources.Lessons.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var lesson in lessons)
        {
            var given = stubs.Lessons.TryGetValue(lesson, out var stubFiles)
                ? Fingerprint.Of(await TokensAsync(stubFiles, unread, cancellationToken), null, GramLength)
                : null;
            var reference = solutions.Lessons.TryGetValue(lesson, out var solutionFiles)
                ? (Files: solutionFiles, Print: Fingerprint.Of(await TokensAsync(solutionFiles, unread, cancellationToken), given, GramLength))
                : default;

            var written = new List<(StudentSources Student, IReadOnlyList<string> Files, Fingerprint Print)>();
            foreach (var student in students)
            {
                if (student.Sources.Lessons.TryGetValue(lesson, out var files))
                {
                    var before = unread.Count;
                    var print = Fingerprint.Of(await TokensAsync(files, unread, cancellationToken), given, GramLength);
                    if (unread.Count == before && print.Count >= MinimumGrams)
                    {
                        written.Add((student, files, print));
                    }
                }
            }

            var found = new List<SimilarPair>();
            for (var i = 0; i < written.Count; i++)
            {
                var (student, files, print) = written[i];
                if (reference.Print is { Count: >= MinimumGrams } && print.Jaccard(reference.Print) is var toSolutions && toSolutions >= threshold)
                {
                    found.Add(new SimilarPair(lesson, student.Name, Solutions, toSolutions, files, reference.Files));
                }

                for (var j = i + 1; j < written.Count; j++)
                {
                    if (print.Jaccard(written[j].Print) is var toOther && toOther >= threshold)
                    {
                        found.Add(new SimilarPair(lesson, student.Name, written[j].Student.Name, toOther, files, written[j].Files));
                    }
                }
            }

            pairs.AddRange(found.OrderByDescending(p => p.Similarity).ThenBy(p => p.Student, StringComparer.Ordinal));
        }

        return new SimilarityReport(threshold, GramLength, pairs, unread);
    }

    /// <summary>The normalised tokens of a lesson's files, in the order given; a file that cannot be read is noted and left out.</summary>
    public static async Task<IReadOnlyList<string>> TokensAsync(IReadOnlyList<string> files, ICollection<string> unread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(unread);
        var tokens = new List<string>();
        foreach (var file in files)
        {
            string source;
            try
            {
                source = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unread.Add($"{file}: {e.Message}");
                continue;
            }

            if (tokens.Count > 0)
            {
                tokens.Add(SourceTokens.FileBreak);
            }

            tokens.AddRange(SourceTokens.Of(source));
        }

        return tokens;
    }
}
