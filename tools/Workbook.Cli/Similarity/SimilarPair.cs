namespace Workbook.Cli.Similarity;

/// <summary>One lesson where a student's code and another's (a student's, or Solutions/) share most of their k-grams.</summary>
/// <param name="Lesson">The lesson number.</param>
/// <param name="Student">The student whose files are listed first.</param>
/// <param name="Against">The other student's name, or <see cref="SimilarityCheck.Solutions"/>.</param>
/// <param name="Similarity">The Jaccard index of the two fingerprints, 0–1.</param>
/// <param name="StudentFiles">The student's files of the lesson.</param>
/// <param name="AgainstFiles">The other side's files of the lesson.</param>
public sealed record SimilarPair(string Lesson, string Student, string Against, double Similarity, IReadOnlyList<string> StudentFiles, IReadOnlyList<string> AgainstFiles)
{
    public bool IsAgainstSolutions => Against == SimilarityCheck.Solutions;
}
