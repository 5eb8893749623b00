using System.Globalization;
using System.Text;
using Workbook.Cli.Similarity;

namespace Workbook.Cli.Tests;

/// <summary>
/// The measurements behind <see cref="SimilarityCheck.DefaultThreshold"/> (docs/classroom.md): on this workbook's own
/// lessons, every disguised copy of a solution scores above it and every independent answer below it.
/// </summary>
public sealed class SimilarityThresholdTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryRoot.Path, "tools", "Workbook.Cli.Tests", "SimilarityFixtures");

    [Fact]
    public async Task The_threshold_lies_between_the_independent_answers_and_the_disguised_copies()
    {
        var solutions = LessonSources.FromFolder(Path.Combine(RepositoryRoot.Path, "Solutions"));
        var stubs = LessonSources.FromFolder(Path.Combine(RepositoryRoot.Path, "Exercises"));
        var table = new StringBuilder("lesson | k | stub vs solution (nothing taken away) | disguised copy | answers written apart\n");
        var lowestCopy = 1.0;
        var highestIndependent = 0.0;
        foreach (var (lesson, files) in solutions.Lessons)
        {
            var unread = new List<string>();
            var stub = await SimilarityCheck.TokensAsync(stubs.Lessons[lesson], unread, TestContext.Current.CancellationToken);
            var solution = await SimilarityCheck.TokensAsync(files, unread, TestContext.Current.CancellationToken);
            var copy = Join(files.Select(f => SourceTokens.Of(Disguise.Of(File.ReadAllText(f)))));
            var apart = Directory.EnumerateFiles(Fixtures, lesson + "-*.cs.txt").Order(StringComparer.Ordinal).Select(f => SourceTokens.Of(File.ReadAllText(f))).ToList();
            unread.Should().BeEmpty();

            foreach (var k in new[] { 6, SimilarityCheck.GramLength, 12 })
            {
                var given = Fingerprint.Of(stub, null, k);
                var reference = Fingerprint.Of(solution, given, k);
                var raw = Fingerprint.Of(stub, null, k).Jaccard(Fingerprint.Of(solution, null, k));
                var copied = Fingerprint.Of(copy, given, k).Jaccard(reference);
                var own = apart.Select(tokens => Fingerprint.Of(tokens, given, k).Jaccard(reference)).ToList();
                var owns = own.Count == 0 ? "—" : string.Join(", ", own.Select(o => o.ToString("0.00", CultureInfo.InvariantCulture)));
                table.Append(CultureInfo.InvariantCulture, $"{lesson} | {k} | {raw:0.00} | {copied:0.00} | {owns}\n");
                if (k == SimilarityCheck.GramLength)
                {
                    lowestCopy = Math.Min(lowestCopy, copied);
                    highestIndependent = Math.Max(highestIndependent, own.DefaultIfEmpty(0).Max());
                    raw.Should().BeLessThan(SimilarityCheck.DefaultThreshold, $"lesson {lesson}: even counted whole, a stub is far from its solution");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());
        lowestCopy.Should().BeGreaterThanOrEqualTo(SimilarityCheck.DefaultThreshold, table.ToString());
        highestIndependent.Should().BeLessThan(SimilarityCheck.DefaultThreshold, table.ToString());
    }

    private static List<string> Join(IEnumerable<IReadOnlyList<string>> files)
    {
        var tokens = new List<string>();
        foreach (var file in files)
        {
            if (tokens.Count > 0)
            {
                tokens.Add(SourceTokens.FileBreak);
            }

            tokens.AddRange(file);
        }

        return tokens;
    }
}
