using Workbook.Cli.Running;

namespace Workbook.Cli.Pristine;

/// <summary>Lists a checkout's files as relative paths with <c>/</c>, leaving out build output and tool state.</summary>
public static class WorkbookFiles
{
    /// <summary>Folders that are never a checkout's content, at any depth.</summary>
    public static readonly IReadOnlySet<string> Noise = new HashSet<string>(StringComparer.Ordinal) { "bin", "obj", ".git", "artifacts", "TestResults", ".vs", ".idea" };

    /// <summary>What the lesson tests' build reads: the part of our workbook a pristine copy holds.</summary>
    public static readonly IReadOnlyList<string> BuildInputs =
    [
        "Contracts/", "Exercises/", "Infrastructure/", "Infrastructure.Garnet/", "Testing/", "Exercises.Tests/",
        "Directory.Build.props", "Directory.Packages.props", "global.json", "Lessons.props", ".editorconfig", "Workbook.slnx",
    ];

    private static readonly TimeSpan GitLimit = TimeSpan.FromMinutes(1);

    public static bool IsBuildInput(string relative) =>
        BuildInputs.Any(input => input.EndsWith('/') ? relative.StartsWith(input, StringComparison.Ordinal) : relative == input);

    /// <summary><c>Exercises/**/*.cs</c>: the only files pristine grading takes from a student.</summary>
    public static bool IsLessonSource(string relative) =>
        relative.StartsWith("Exercises/", StringComparison.Ordinal) && relative.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>Our workbook's files: what git tracks plus new files it does not ignore, or every file when it is not a git checkout.</summary>
    public static async Task<IReadOnlyList<string>> ListOursAsync(string root, CancellationToken cancellationToken)
    {
        try
        {
            var git = await ProcessRunner.RunAsync(
                "git",
                ["-c", "core.quotepath=off", "ls-files", "--cached", "--others", "--exclude-standard"],
                root,
                new ProcessOptions { Limit = GitLimit },
                cancellationToken);
            if (git.ExitCode == 0 && git.Output.Count > 0)
            {
                // stderr is interleaved: a warning line is no file and is dropped by the existence check.
                return [.. git.Output
                    .Where(path => path.Length > 0 && File.Exists(Path.Combine(root, path)) && !path.Split('/').Any(Noise.Contains))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)];
            }
        }
        catch (UsageException)
        {
            // No git on PATH: list the folder instead.
        }

        return Walk(root);
    }

    /// <summary>Every file under the folder, leaving out <see cref="Noise"/> folders.</summary>
    public static IReadOnlyList<string> Walk(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue; // A link could point anywhere, inside or outside the checkout: never followed.
                }

                if (entry is DirectoryInfo directory)
                {
                    if (!Noise.Contains(directory.Name))
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else
                {
                    files.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
