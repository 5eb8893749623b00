using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Tests.Harness;

/// <summary>Compiles rewritten C# in memory and loads it, to check what the rewritten code does, not how it reads.</summary>
internal static class InMemoryCompilation
{
    private static readonly MetadataReference[] Framework = [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Select(path => MetadataReference.CreateFromFile(path))];

    public static Assembly Load(params SyntaxNode[] sources)
    {
        var compilation = CSharpCompilation.Create(
            $"rewritten{Guid.NewGuid():N}",
            // Reparsed from text, as the harness writes files: `field` is a keyword only where the parser meets it in an accessor.
            sources.Select(s => CSharpSyntaxTree.ParseText(s.ToFullString(), new CSharpParseOptions(LanguageVersion.Preview))),
            Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.Should().BeTrue(string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }

    public static SyntaxNode Parse(string source) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
}
