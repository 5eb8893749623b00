namespace Workbook.Cli.Similarity;

/// <summary>
/// The set of token k-grams of one lesson's sources (every run of <see cref="SimilarityCheck.GramLength"/> consecutive
/// normalised tokens), less those of the lesson's stub: the code the workbook hands out is everyone's, so it is no
/// evidence of anything. What is left is what the author wrote.
/// </summary>
public sealed class Fingerprint
{
    private readonly HashSet<string> _grams;

    private Fingerprint(HashSet<string> grams) => _grams = grams;

    /// <summary>How many distinct k-grams the author wrote.</summary>
    public int Count => _grams.Count;

    /// <param name="tokens">The lesson's tokens, files joined by <see cref="SourceTokens.FileBreak"/>.</param>
    /// <param name="given">The stub's fingerprint, to take away; null to keep every k-gram.</param>
    /// <param name="gramLength">Tokens per k-gram; at least 1.</param>
    public static Fingerprint Of(IReadOnlyList<string> tokens, Fingerprint? given, int gramLength)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(gramLength, 1);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start + gramLength <= tokens.Count; start++)
        {
            var gram = new string[gramLength];
            for (var i = 0; i < gramLength; i++)
            {
                gram[i] = tokens[start + i];
            }

            if (!gram.Contains(SourceTokens.FileBreak, StringComparer.Ordinal))
            {
                grams.Add(string.Join(' ', gram));
            }
        }

        if (given is not null)
        {
            grams.ExceptWith(given._grams);
        }

        return new Fingerprint(grams);
    }

    /// <summary>The Jaccard index of the two sets, |A ∩ B| ÷ |A ∪ B|: 1 for the same k-grams, 0 for none in common.</summary>
    public double Jaccard(Fingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_grams.Count == 0 && other._grams.Count == 0)
        {
            return 0;
        }

        var shared = _grams.Count(other._grams.Contains);
        return (double)shared / (_grams.Count + other._grams.Count - shared);
    }
}
