namespace Workbook.Cli.Similarity;

/// <summary>What <see cref="SimilarityCheck"/> found: pairs to look at, never a verdict.</summary>
/// <param name="Threshold">The similarity at or above which a pair is listed.</param>
/// <param name="GramLength">Tokens per k-gram.</param>
/// <param name="Pairs">The listed pairs, by lesson, most similar first.</param>
/// <param name="Unread">Files that could not be read, with the reason; their lessons were left out for that student.</param>
public sealed record SimilarityReport(double Threshold, int GramLength, IReadOnlyList<SimilarPair> Pairs, IReadOnlyList<string> Unread);
