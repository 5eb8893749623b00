using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Cli.Similarity;

/// <summary>
/// C# source as normalised tokens, lexed by Roslyn: comments, whitespace and preprocessor lines are gone (they are
/// trivia), every identifier becomes <c>id</c> and every literal its class (<c>str</c>, <c>num</c>, <c>chr</c>), while
/// keywords, contextual keywords (<c>await</c>, <c>async</c>, <c>nameof</c>…) and operators stay as they are. Renaming
/// variables, reformatting or rewording comments and messages leaves the tokens unchanged.
/// </summary>
public static class SourceTokens
{
    /// <summary>Stands between two files of one lesson, so no k-gram spans the end of one file and the start of the next.</summary>
    public const string FileBreak = "<file>";

    public static IReadOnlyList<string> Of(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. SyntaxFactory.ParseTokens(source).TakeWhile(t => !t.IsKind(SyntaxKind.EndOfFileToken)).Select(Class)];
    }

    private static string Class(SyntaxToken token) => token.Kind() switch
    {
        SyntaxKind.IdentifierToken => SyntaxFacts.GetContextualKeywordKind(token.ValueText) == SyntaxKind.None ? "id" : token.ValueText,
        SyntaxKind.NumericLiteralToken => "num",
        SyntaxKind.CharacterLiteralToken => "chr",
        SyntaxKind.StringLiteralToken
            or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.InterpolatedStringToken
            or SyntaxKind.SingleLineRawStringLiteralToken
            or SyntaxKind.MultiLineRawStringLiteralToken
            or SyntaxKind.Utf8SingleLineRawStringLiteralToken
            or SyntaxKind.Utf8MultiLineRawStringLiteralToken => "str",
        var kind => kind.ToString(),
    };
}
