using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Cli.Tests;

/// <summary>
/// What a student hiding a copy does mechanically: every name changed, comments dropped, the members of each type in
/// the opposite order, and the layout reformatted.
/// </summary>
public static class Disguise
{
    public static string Of(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        root = new Renamer().Visit(root);
        root = new Reorderer().Visit(root);
        return root.NormalizeWhitespace(indentation: "  ", eol: "\n").ToFullString();
    }

    private sealed class Renamer() : CSharpSyntaxRewriter(visitIntoStructuredTrivia: false)
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && SyntaxFacts.GetContextualKeywordKind(token.ValueText) == SyntaxKind.None)
            {
                if (!_names.TryGetValue(token.ValueText, out var name))
                {
                    name = $"renamed{_names.Count}";
                    _names[token.ValueText] = name;
                }

                token = SyntaxFactory.Identifier(name);
            }

            // Comments are trivia; keep none of them.
            return base.VisitToken(token).WithLeadingTrivia().WithTrailingTrivia();
        }
    }

    private sealed class Reorderer : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) =>
            base.VisitClassDeclaration(node.WithMembers(SyntaxFactory.List(node.Members.Reverse())));
    }
}
