using Workbook.Cli.Grading;

namespace Workbook.Cli.Pristine;

/// <summary>One student's pristine grade: the report, and the lesson sources it was made from.</summary>
public sealed record PristineGrade(GradeReport Report, StudentSources Sources);
