using Workbook.Cli.Engine;
using Workbook.Cli.Running;

namespace Workbook.Cli.Pristine;

/// <summary>
/// A scratch copy of our workbook's build inputs that grades one student at a time: reset to our bytes, the
/// student's lesson folders laid over it, built. It is kept between students (a rebuild costs seconds, a first
/// build a minute), so every reset removes whatever the last student's files or run left: sources that are not
/// ours are deleted, ours rewritten when they differ, the run folder emptied. Every file written gets the current
/// time, so that the build never mistakes a changed source for an old one.
/// </summary>
public sealed class PristineWorkspace : IDisposable
{
    private readonly ReferenceWorkbook _reference;

    private PristineWorkspace(string path, ReferenceWorkbook reference)
    {
        Path = path;
        _reference = reference;
        foreach (var (file, bytes) in reference.Inputs)
        {
            Write(file, bytes);
        }

        Root = WorkbookRoot.Find(Checkout);
        // A warning (an unused variable, a style rule) is the student's build's business, not a reason for a zero.
        Build = new LessonBuild(Root, WorkbookTarget.Exercises) { ExtraArguments = ["-p:TreatWarningsAsErrors=false"] };
    }

    /// <summary>The scratch folder; nothing of a grade is written outside it.</summary>
    public string Path { get; }

    /// <summary>The copy of the workbook that is built.</summary>
    public string Checkout => System.IO.Path.Combine(Path, "workbook");

    /// <summary>The only folder the sandboxed test host may write: its HOME, TMPDIR and current directory.</summary>
    public string RunFolder => System.IO.Path.Combine(Path, "run");

    public WorkbookRoot Root { get; }

    /// <summary>The workspace's build (it restores once, then only rebuilds).</summary>
    public LessonBuild Build { get; }

    public static PristineWorkspace Create(ReferenceWorkbook reference, string path)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Directory.CreateDirectory(path);
        return new PristineWorkspace(path, reference);
    }

    /// <summary>Back to exactly our build inputs (build output kept), with an empty run folder.</summary>
    public void Reset()
    {
        foreach (var file in WorkbookFiles.Walk(Checkout))
        {
            if (!_reference.Inputs.ContainsKey(file))
            {
                File.Delete(Full(file));
            }
        }

        foreach (var (file, bytes) in _reference.Inputs)
        {
            var full = Full(file);
            if (!File.Exists(full) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes))
            {
                Write(file, bytes);
            }
        }

        if (Directory.Exists(RunFolder))
        {
            Directory.Delete(RunFolder, recursive: true);
        }

        foreach (var folder in RunFolders)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>HOME, TMPDIR, DOTNET_CLI_HOME and NUGET_PACKAGES of the test host, all inside <see cref="RunFolder"/>.</summary>
    public IEnumerable<string> RunFolders => new[] { "home", "tmp", "dotnet-home", "nuget" }.Select(f => System.IO.Path.Combine(RunFolder, f));

    /// <summary>Replaces our folder of each lesson the student has with theirs, and adds their files outside lesson folders.</summary>
    public void Overlay(StudentSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var (lesson, lessonSources) in sources.Lessons)
        {
            DeleteLesson(lesson);
            foreach (var file in lessonSources.Files)
            {
                Write(file, File.ReadAllBytes(System.IO.Path.Combine(sources.Root, file)));
            }
        }

        foreach (var file in sources.Extras)
        {
            Write(file, File.ReadAllBytes(System.IO.Path.Combine(sources.Root, file)));
        }
    }

    /// <summary>Our stubs back for one lesson, in place of the student's sources.</summary>
    public void Revert(string lesson)
    {
        DeleteLesson(lesson);
        foreach (var file in _reference.LessonStubs(lesson))
        {
            Write(file, _reference.Inputs[file]);
        }
    }

    /// <summary>Removes a student's file that is in no lesson folder.</summary>
    public void Remove(string file) => File.Delete(Full(file));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A scratch folder left in the temp folder is no failure of the grade.
        }
    }

    private void DeleteLesson(string lesson)
    {
        var exercises = System.IO.Path.Combine(Checkout, "Exercises");
        foreach (var folder in Directory.GetDirectories(exercises).Where(d => LessonFolder.OfFolderName(System.IO.Path.GetFileName(d)) == lesson))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Full(string relative) => System.IO.Path.Combine(Checkout, relative);

    private void Write(string relative, byte[] bytes)
    {
        var full = Full(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        File.SetLastWriteTimeUtc(full, DateTime.UtcNow);
    }
}
