using Workbook.Cli.Localization;

namespace Workbook.Cli.Running;

/// <summary>The root of a workbook checkout: the folder that holds <c>Exercises.Tests/</c>.</summary>
public sealed class WorkbookRoot
{
    private const string TestProject = "Exercises.Tests/Workbook.Exercises.Tests.csproj";

    private WorkbookRoot(string path) => Path = path;

    public string Path { get; }

    public string TestProjectPath => System.IO.Path.Combine(Path, TestProject);

    public string LessonDocs => System.IO.Path.Combine(Path, "docs", "lessons");

    /// <summary>The lesson pages of the Vietnamese edition, named as in <see cref="LessonDocs"/>.</summary>
    public string VietnameseLessonDocs => System.IO.Path.Combine(Path, "docs", "vi", "lessons");

    /// <summary>The given folder, or the nearest folder above the current directory that is a workbook.</summary>
    public static WorkbookRoot Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            var full = System.IO.Path.GetFullPath(explicitPath);
            if (!File.Exists(System.IO.Path.Combine(full, TestProject)))
            {
                throw new UsageException(CommonText.NotACheckout(full, TestProject));
            }

            return new WorkbookRoot(full);
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, TestProject)))
                {
                    return new WorkbookRoot(directory.FullName);
                }
            }
        }

        throw new UsageException(CommonText.NotInCheckout);
    }
}
