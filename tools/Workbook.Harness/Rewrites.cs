using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>The two rewrites of a workbook copy, file by file.</summary>
internal static class Rewrites
{
    /// <summary>Makes every awaitable stub in <c>root/Exercises</c> never complete; returns those members.</summary>
    public static IReadOnlyList<StubMember> NeverComplete(string root)
    {
        var project = Path.Combine(root, "Exercises");
        var rewritten = new List<StubMember>();
        foreach (var (path, lesson, tree) in SourceTree.Files(project))
        {
            var rewriter = new NeverCompletingRewriter(lesson);
            SourceTree.Save(path, tree, rewriter.Visit(tree));
            rewritten.AddRange(rewriter.Rewritten);
        }

        File.WriteAllText(Path.Combine(project, GeneratedSources.FileName), GeneratedSources.Never);
        return rewritten;
    }

    /// <summary>Every stub member in <c>root/Exercises</c> (what the student writes), in file order.</summary>
    public static IReadOnlyList<StubMember> FindStubs(string root)
    {
        var found = new List<StubMember>();
        foreach (var (_, lesson, tree) in SourceTree.Files(Path.Combine(root, "Exercises")))
        {
            found.AddRange(FindStubsIn(tree, lesson).Where(stub => !found.Exists(m => m.Id == stub.Id)));
        }

        return found;
    }

    /// <summary>The stub members declared in one file (overloads once).</summary>
    public static IReadOnlyList<StubMember> FindStubsIn(SyntaxNode tree, string lesson)
    {
        var found = new List<StubMember>();
        foreach (var member in tree.DescendantNodes().OfType<MemberDeclarationSyntax>())
        {
            if (Stubs.PublicTypeName(member) is { } type && Stubs.MemberName(member) is { } name && Stubs.IsStub(member, out var message)
                && !found.Exists(m => m.Id == $"{type}.{name}"))
            {
                found.Add(new StubMember($"{type}.{name}", lesson, message));
            }
        }

        return found;
    }

    /// <summary>Gives each of <paramref name="stubs"/> its switch in <c>root/Solutions</c>; returns the members found there.</summary>
    public static IReadOnlyList<StubMember> MutantSchemata(string root, IReadOnlyList<StubMember> stubs)
    {
        var project = Path.Combine(root, "Solutions");
        var rewriter = new MutantSchemaRewriter(stubs.ToDictionary(s => s.Id));
        foreach (var (path, _, tree) in SourceTree.Files(project))
        {
            SourceTree.Save(path, tree, rewriter.Visit(tree));
        }

        File.WriteAllText(Path.Combine(project, GeneratedSources.FileName), GeneratedSources.Mutant);
        return [.. stubs.Where(rewriter.Rewritten.Contains)];
    }
}
