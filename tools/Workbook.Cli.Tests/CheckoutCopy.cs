using System.Diagnostics;

namespace Workbook.Cli.Tests;

/// <summary>
/// A throwaway copy of the repository's files (tracked, plus new files not ignored), so that nested
/// <c>dotnet test</c> runs build into the copy's bin/, never into the repository the outer run executes from.
/// </summary>
public sealed class CheckoutCopy : IDisposable
{
    private CheckoutCopy(string path) => Path = path;

    public string Path { get; }

    /// <param name="cancellationToken">Stops the copy.</param>
    /// <param name="path">Where to copy to (default: a new folder in the temp folder).</param>
    public static async Task<CheckoutCopy> CreateAsync(CancellationToken cancellationToken, string? path = null)
    {
        var target = path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "workbook-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var git = new ProcessStartInfo("git", ["-C", RepositoryRoot.Path, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(git)!;
        var listing = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        process.ExitCode.Should().Be(0, "git ls-files lists the repository's files");
        foreach (var file in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = System.IO.Path.Combine(RepositoryRoot.Path, file);
            if (!File.Exists(source))
            {
                continue;
            }

            var destination = System.IO.Path.Combine(target, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }

        return new CheckoutCopy(target);
    }

    /// <summary>Replaces the stub folder of each lesson with the reference answer, as a student who solved it would have.</summary>
    /// <returns>The lessons that exist and were replaced.</returns>
    public IReadOnlyList<string> Solve(params string[] lessons)
    {
        var solved = new List<string>();
        foreach (var lesson in lessons)
        {
            var solution = Directory.GetDirectories(System.IO.Path.Combine(Path, "Solutions"), lesson + "-*").SingleOrDefault();
            if (solution is null)
            {
                continue;
            }

            foreach (var stub in Directory.GetDirectories(System.IO.Path.Combine(Path, "Exercises"), lesson + "-*"))
            {
                Directory.Delete(stub, recursive: true);
            }

            var destination = System.IO.Path.Combine(Path, "Exercises", System.IO.Path.GetFileName(solution));
            foreach (var file in Directory.GetFiles(solution, "*", SearchOption.AllDirectories))
            {
                var copy = System.IO.Path.Combine(destination, System.IO.Path.GetRelativePath(solution, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);

                // A copy keeps the source's old timestamp; the build must see the file as changed.
                File.SetLastWriteTimeUtc(copy, DateTime.UtcNow);
            }

            solved.Add(lesson);
        }

        return solved;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
