using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Harness;

/// <summary>The C# files of one lesson project (Exercises/ or Solutions/), with the lesson each belongs to.</summary>
internal static class SourceTree
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    /// <summary>Every .cs file under <paramref name="project"/>, outside bin/ and obj/, as (path, lesson, syntax root).</summary>
    public static IEnumerable<(string Path, string Lesson, SyntaxNode Root)> Files(string project)
    {
        foreach (var path in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(project, path);
            var top = relative.Replace('\\', '/').Split('/')[0];
            if (top is "bin" or "obj" || !relative.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            yield return (path, Stubs.LessonOf(relative), CSharpSyntaxTree.ParseText(File.ReadAllText(path), Parse, path).GetRoot());
        }
    }

    /// <summary>Writes <paramref name="root"/> back to <paramref name="path"/> when it changed.</summary>
    public static void Save(string path, SyntaxNode original, SyntaxNode root)
    {
        if (!ReferenceEquals(original, root))
        {
            File.WriteAllText(path, root.ToFullString());
        }
    }
}
