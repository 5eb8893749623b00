using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>
/// Rewrites a stub file so that every awaitable stub member returns a task (or stream) that never completes, instead of
/// throwing: the student's class "hangs". Synchronous stub members keep throwing.
/// </summary>
internal sealed class NeverCompletingRewriter(string lesson) : CSharpSyntaxRewriter
{
    private const string Never = "global::Workbook.Harness.Generated.WorkbookNever";

    /// <summary>The members made never-completing so far.</summary>
    public List<StubMember> Rewritten { get; } = [];

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        if (Stubs.PublicTypeName(node) is not { } type || !Stubs.IsStub(node, out var message))
        {
            return node;
        }

        var (shape, argument) = AsyncShapes.Of(node.ReturnType);
        var replacement = shape switch
        {
            AsyncShape.Task => $"{Never}.Forever()",
            AsyncShape.TaskOfT => $"{Never}.Forever<{argument}>()",
            AsyncShape.ValueTask => $"new global::System.Threading.Tasks.ValueTask({Never}.Forever())",
            AsyncShape.ValueTaskOfT => $"new global::System.Threading.Tasks.ValueTask<{argument}>({Never}.Forever<{argument}>())",
            AsyncShape.AsyncEnumerable => $"{Never}.Stream<{argument}>()",
            _ => null,
        };
        if (replacement is null)
        {
            return node;
        }

        Rewritten.Add(new StubMember($"{type}.{node.Identifier.Text}", lesson, message));
        return node
            .WithBody(null)
            .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(SyntaxFactory.ParseExpression(replacement)).WithLeadingTrivia(SyntaxFactory.Space))
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(node.GetTrailingTrivia()));
    }
}
