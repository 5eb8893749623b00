namespace Workbook.Cli.Tests;

/// <summary>The repository these tests were built from.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Workbook.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Workbook.slnx not found above " + AppContext.BaseDirectory);
    }
}
