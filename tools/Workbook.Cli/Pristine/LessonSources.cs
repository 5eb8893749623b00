namespace Workbook.Cli.Pristine;

/// <summary>One lesson's folder in the student's checkout and the sources in it.</summary>
public sealed record LessonSources(string FolderName, IReadOnlyList<string> Files);
