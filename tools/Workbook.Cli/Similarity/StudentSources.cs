namespace Workbook.Cli.Similarity;

/// <summary>One student's lesson files.</summary>
/// <param name="Name">How the class summary names the student.</param>
/// <param name="Sources">Lesson number → the student's files for it.</param>
public sealed record StudentSources(string Name, LessonSources Sources)
{
    /// <summary>The lesson files under a student checkout's <c>Exercises/</c>.</summary>
    public static StudentSources FromCheckout(string name, string checkout)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(checkout);
        return new StudentSources(name, LessonSources.FromFolder(Path.Combine(checkout, "Exercises")));
    }
}
