using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>Recognises the student's stubs: public members of public types whose body throws NotImplementedException.</summary>
internal static class Stubs
{
    /// <summary>The name of the public type that declares <paramref name="member"/>, or null when it or an outer type is not public.</summary>
    public static string? PublicTypeName(MemberDeclarationSyntax member)
    {
        if (!IsPublic(member.Modifiers) || member.Parent is not TypeDeclarationSyntax type)
        {
            return null;
        }

        for (SyntaxNode? outer = type; outer is TypeDeclarationSyntax t; outer = t.Parent)
        {
            if (!IsPublic(t.Modifiers))
            {
                return null;
            }
        }

        return type.Identifier.Text;
    }

    /// <summary>The name of a method or property, or null for other members.</summary>
    public static string? MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.Text,
        PropertyDeclarationSyntax property => property.Identifier.Text,
        _ => null,
    };

    /// <summary>Whether the member's body is <c>throw new NotImplementedException(...)</c>; <paramref name="message"/> is its text.</summary>
    public static bool IsStub(MemberDeclarationSyntax member, out string message)
    {
        var thrown = member switch
        {
            MethodDeclarationSyntax method => Thrown(method.ExpressionBody, method.Body),
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => Thrown(arrow, null),
            PropertyDeclarationSyntax { AccessorList: { } accessors } =>
                accessors.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) is { } get
                    ? Thrown(get.ExpressionBody, get.Body)
                    : null,
            _ => null,
        };
        message = thrown?.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal
            ? literal.Token.ValueText
            : "not implemented yet";
        return thrown is not null;
    }

    /// <summary>The lesson a file under Exercises/ or Solutions/ belongs to: "02" for 02-UserProfileCache/.</summary>
    public static string LessonOf(string relativePath)
    {
        var folder = relativePath.Replace('\\', '/').Split('/')[0];
        return folder.Split('-')[0];
    }

    private static BaseObjectCreationExpressionSyntax? Thrown(ArrowExpressionClauseSyntax? arrow, BlockSyntax? body)
    {
        var expression = arrow?.Expression switch
        {
            ThrowExpressionSyntax t => t.Expression,
            _ => body?.Statements is [ThrowStatementSyntax statement] ? statement.Expression : null,
        };
        return expression is BaseObjectCreationExpressionSyntax creation && IsNotImplemented(creation) ? creation : null;
    }

    private static bool IsNotImplemented(BaseObjectCreationExpressionSyntax creation) =>
        creation is ObjectCreationExpressionSyntax { Type: var type } && type.ToString().EndsWith("NotImplementedException", StringComparison.Ordinal);

    private static bool IsPublic(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.PublicKeyword);
}
