using Workbook.Cli.Classroom;
using Workbook.Cli.Grading;
using Workbook.Cli.Pristine;
using Workbook.Cli.Similarity;

namespace Workbook.Cli.ClassGrading;

/// <summary>Writes a class run into its folder: <c>gradebook.csv</c>, <c>summary.md</c>, and <c>reports/NAME.md|json|xml</c>.</summary>
public static class ClassOutput
{
    public const string GradebookFile = "gradebook.csv";

    public const string SummaryFile = "summary.md";

    public const string ReportsFolder = "reports";

    public static async Task WriteAsync(string folder, IReadOnlyList<StudentResult> results, ReportFormat format, ReferenceWorkbook reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var columns = ClassColumns.Of(results, reference);
        var reports = Path.Combine(folder, ReportsFolder);
        try
        {
            Directory.CreateDirectory(reports);
            await File.WriteAllTextAsync(Path.Combine(folder, GradebookFile), Gradebook.Write(results, columns), cancellationToken);
            var similarity = SimilarityMarkdown.Write(await SimilarityOf(results, reference, cancellationToken));
            await File.WriteAllTextAsync(Path.Combine(folder, SummaryFile), ClassSummary.Write(results, columns) + "\n" + similarity, cancellationToken);
            foreach (var result in results)
            {
                await File.WriteAllTextAsync(Path.Combine(reports, result.Student.Name + Extension(format)), Report(result.Report, format), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write the class's files into {folder}: {e.Message}");
        }
    }

    /// <summary>The graded students' lesson files against Solutions/ and each other, the stubs' own code left out (docs/classroom.md).</summary>
    private static Task<SimilarityReport> SimilarityOf(IReadOnlyList<StudentResult> results, ReferenceWorkbook reference, CancellationToken cancellationToken) =>
        SimilarityCheck.FindAsync(
            [.. results.Where(r => r.WasGraded).Select(r => new Similarity.StudentSources(r.Student.Name, new Similarity.LessonSources(r.LessonSources)))],
            Similarity.LessonSources.FromFolder(Path.Combine(reference.Root, "Solutions")),
            Similarity.LessonSources.FromFolder(Path.Combine(reference.Root, "Exercises")),
            cancellationToken: cancellationToken);

    public static string Report(GradeReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => JsonReport.Write(report),
        ReportFormat.Junit => JUnitReport.Write(report),
        ReportFormat.Classroom => ClassroomReport.Write(report),
        _ => MarkdownReport.Write(report),
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json or ReportFormat.Classroom => ".json",
        ReportFormat.Junit => ".xml",
        _ => ".md",
    };
}
