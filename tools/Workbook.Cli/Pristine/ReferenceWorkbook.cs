using System.Security.Cryptography;
using Workbook.Cli.Running;

namespace Workbook.Cli.Pristine;

/// <summary>
/// Our workbook: the one whose tests, projects and Contracts grade a student's lesson sources. By default it is the
/// checkout this command was built from (found from the command's own files), never the folder being graded.
/// The build inputs are read into memory once, so every scratch copy starts from the same bytes; every other file
/// is fingerprinted once, so a whole class is compared with the same workbook even if it is edited meanwhile.
/// </summary>
public sealed class ReferenceWorkbook
{
    private ReferenceWorkbook(string root, IReadOnlyList<string> files, IReadOnlyDictionary<string, byte[]> inputs, IReadOnlyDictionary<string, string> fingerprints)
    {
        Root = root;
        Files = files;
        Inputs = inputs;
        Fingerprints = fingerprints;
    }

    public string Root { get; }

    /// <summary>All our files (relative, <c>/</c>), to compare a student's checkout with.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The build inputs (<see cref="WorkbookFiles.BuildInputs"/>) and their bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> Inputs { get; }

    /// <summary>Each of <see cref="Files"/> → <see cref="Fingerprint"/> of its bytes as they were when loaded.</summary>
    public IReadOnlyDictionary<string, string> Fingerprints { get; }

    public static async Task<ReferenceWorkbook> LoadAsync(string? explicitRoot, CancellationToken cancellationToken)
    {
        var root = explicitRoot is null ? OfThisCommand() : WorkbookRoot.Find(explicitRoot);
        var files = await WorkbookFiles.ListOursAsync(root.Path, cancellationToken);
        var inputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(root.Path, file), cancellationToken);
            fingerprints[file] = Fingerprint(bytes);
            if (WorkbookFiles.IsBuildInput(file))
            {
                inputs[file] = bytes;
            }
        }

        return new ReferenceWorkbook(root.Path, files, inputs, fingerprints);
    }

    /// <summary>SHA-256 of the bytes without carriage returns: a checkout made on Windows is not "changed" everywhere.</summary>
    public static string Fingerprint(byte[] bytes) => Convert.ToHexString(SHA256.HashData([.. bytes.Where(b => b != (byte)'\r')]));

    /// <summary>Our stub sources of one lesson (relative paths under <c>Exercises/</c>).</summary>
    public IEnumerable<string> LessonStubs(string lesson) =>
        Inputs.Keys.Where(f => WorkbookFiles.IsLessonSource(f) && LessonFolder.Of(f) == lesson);

    private static WorkbookRoot OfThisCommand()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Exercises.Tests", "Workbook.Exercises.Tests.csproj")))
            {
                return WorkbookRoot.Find(directory.FullName);
            }
        }

        throw new UsageException($"This workbook command ({AppContext.BaseDirectory}) is not inside a workbook checkout, so it has no tests of its own to grade with; pass --reference PATH.");
    }
}
