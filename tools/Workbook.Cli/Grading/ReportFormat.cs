namespace Workbook.Cli.Grading;

/// <summary>The formats <c>workbook grade --format</c> writes.</summary>
public enum ReportFormat
{
    Markdown,
    Json,
    Junit,

    /// <summary>GitHub Classroom's autograding result (docs/classroom.md).</summary>
    Classroom,
}
