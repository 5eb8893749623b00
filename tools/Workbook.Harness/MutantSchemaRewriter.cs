using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>
/// Mutant schemata: rewrites a solution file so that each student member starts with
/// <c>if (WorkbookMutant.Is("Type.Member")) throw new NotImplementedException(stub's message)</c>. One build then serves
/// every mutant; the environment variable <see cref="EnvironmentVariable"/> picks which member throws at run time.
/// The throw is synchronous, as the stub's is: an async or iterator body moves into a local function after the check.
/// </summary>
internal sealed class MutantSchemaRewriter(IReadOnlyDictionary<string, StubMember> members) : CSharpSyntaxRewriter
{
    public const string EnvironmentVariable = "WORKBOOK_MUTANT";
    private const string Mutant = "global::Workbook.Harness.Generated.WorkbookMutant";
    private const string Core = "WorkbookMutantCore";

    /// <summary>The members given a switch so far.</summary>
    public List<StubMember> Rewritten { get; } = [];

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        if (Select(node) is not { } member)
        {
            return node;
        }

        var guard = Guard(member, AsyncShapes.Of(node.ReturnType));
        var isAsync = node.Modifiers.Any(SyntaxKind.AsyncKeyword);
        BlockSyntax body;
        if (isAsync || IsIterator(node))
        {
            // The original body becomes a local function, so the check runs (and throws) before any of it.
            var passed = node.ParameterList.Parameters.Where(IsEnumeratorCancellation).ToList();
            var core = $"{(isAsync ? "async " : "")}{node.ReturnType} {Core}({string.Join(", ", passed.Select(p => p.ToString()))})"
                + (node.Body is { } block ? block.ToFullString() : $" {node.ExpressionBody}; ");
            body = Block($"{{ {guard} return {Core}({string.Join(", ", passed.Select(p => p.Identifier.Text))}); {core} }}");
            node = node.WithModifiers(SyntaxFactory.TokenList(node.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword))));
        }
        else if (node.Body is { } block)
        {
            body = block.WithStatements(block.Statements.Insert(0, SyntaxFactory.ParseStatement(guard)));
        }
        else
        {
            var isVoid = node.ReturnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword);
            body = Block($"{{ {guard} {(isVoid ? "" : "return ")}{node.ExpressionBody!.Expression}; }}");
        }

        return node
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(body.WithTrailingTrivia(node.GetTrailingTrivia()));
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        if (Select(node) is not { } member)
        {
            return node;
        }

        if (node.ExpressionBody is { } arrow)
        {
            return node.WithExpressionBody(arrow.WithExpression(Checked(member, arrow.Expression.ToString())));
        }

        var get = node.AccessorList!.Accessors.First(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
        var rewritten = get switch
        {
            { Body: { } block } => get.WithBody(block.WithStatements(block.Statements.Insert(0, SyntaxFactory.ParseStatement(Guard(member))))),
            { ExpressionBody: { } getArrow } => get.WithExpressionBody(getArrow.WithExpression(Checked(member, getArrow.Expression.ToString()))),
            // An auto-property: C# 14's `field` keeps its backing field.
            _ => get.WithExpressionBody(SyntaxFactory.ArrowExpressionClause(Checked(member, "field"))).WithSemicolonToken(get.SemicolonToken),
        };
        return node.ReplaceNode(get, rewritten);
    }

    private StubMember? Select(MemberDeclarationSyntax node)
    {
        if (Stubs.PublicTypeName(node) is not { } type || Stubs.MemberName(node) is not { } name
            || !members.TryGetValue($"{type}.{name}", out var member))
        {
            return null;
        }

        if (!Rewritten.Contains(member))
        {
            Rewritten.Add(member);
        }

        return member;
    }

    private static string Throw(StubMember member) =>
        $"new global::System.NotImplementedException({SymbolDisplay.FormatLiteral(member.Message, quote: true)})";

    private static string Guard(StubMember member) =>
        $"if ({Mutant}.Is({SymbolDisplay.FormatLiteral(member.Id, quote: true)})) {{ throw {Throw(member)}; }}";

    // With WORKBOOK_MUTANT_FAULTED=1 an awaitable member returns its exception in a faulted task instead, as an async
    // method that throws does: waits that ignore a failed task show up then.
    private static string Guard(StubMember member, (AsyncShape Shape, TypeSyntax? Argument) returns)
    {
        var faulted = returns.Shape switch
        {
            AsyncShape.Task => $"global::System.Threading.Tasks.Task.FromException({Throw(member)})",
            AsyncShape.TaskOfT => $"global::System.Threading.Tasks.Task.FromException<{returns.Argument}>({Throw(member)})",
            AsyncShape.ValueTask => $"global::System.Threading.Tasks.ValueTask.FromException({Throw(member)})",
            AsyncShape.ValueTaskOfT => $"global::System.Threading.Tasks.ValueTask.FromException<{returns.Argument}>({Throw(member)})",
            AsyncShape.AsyncEnumerable => $"{Mutant}.Faulted<{returns.Argument}>({Throw(member)})",
            _ => null,
        };
        return faulted is null
            ? Guard(member)
            : $"if ({Mutant}.Is({SymbolDisplay.FormatLiteral(member.Id, quote: true)})) {{ if ({Mutant}.Faulted()) {{ return {faulted}; }} throw {Throw(member)}; }}";
    }

    private static ExpressionSyntax Checked(StubMember member, string value) =>
        SyntaxFactory.ParseExpression($"{Mutant}.Is({SymbolDisplay.FormatLiteral(member.Id, quote: true)}) ? throw {Throw(member)} : ({value})");

    private static BlockSyntax Block(string text) => (BlockSyntax)SyntaxFactory.ParseStatement(text);

    // The token WithCancellation passes must reach the iterator, so that parameter is handed on, not captured.
    private static bool IsEnumeratorCancellation(ParameterSyntax parameter) =>
        parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("EnumeratorCancellation", StringComparison.Ordinal));

    private static bool IsIterator(MethodDeclarationSyntax node) =>
        node.DescendantNodes(n => n is not LocalFunctionStatementSyntax and not AnonymousFunctionExpressionSyntax)
            .OfType<YieldStatementSyntax>().Any();
}
