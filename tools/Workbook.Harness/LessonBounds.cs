using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>
/// The time bounds written on the lesson tests (each fact attribute's DefaultTimeoutSeconds, or TimeoutSeconds = N), summed the
/// way xUnit runs them: the tests of one class run one after another, classes run in parallel, and a collection that
/// disables parallelization runs alone afterwards. So a lesson run can take at most its slowest class's sum plus the
/// serial collections' sums.
/// </summary>
internal sealed class LessonBounds
{
    /// <summary>Process start, backend start and teardown, on top of the tests' own bounds.</summary>
    public const int MarginSeconds = 30;

    private readonly List<(string Lesson, string Collection, bool Serial, int Seconds)> _classes = [];

    public static LessonBounds Read(string root)
    {
        var bounds = new LessonBounds();
        var trees = SourceTree.Files(Path.Combine(root, "Exercises.Tests")).Select(f => f.Root).ToList();
        var defaults = DefaultBounds(trees);
        var serial = trees.SelectMany(t => t.DescendantNodes().OfType<AttributeSyntax>())
            .Where(a => a.Name.ToString() == "CollectionDefinition" && a.ArgumentList?.ToString().Contains("DisableParallelization = true", StringComparison.Ordinal) == true)
            .Select(a => a.ArgumentList!.Arguments[0].ToString())
            .ToHashSet();
        foreach (var type in trees.SelectMany(t => t.DescendantNodes().OfType<ClassDeclarationSyntax>()))
        {
            var lesson = Attribute(type.AttributeLists, "Lesson")?.ArgumentList?.Arguments[0].Expression;
            if (lesson is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            var collection = Attribute(type.AttributeLists, "Collection")?.ArgumentList?.Arguments[0].ToString();
            var seconds = type.Members.OfType<MethodDeclarationSyntax>().Sum(m => BoundOf(m.AttributeLists, defaults));
            bounds._classes.Add((literal.Token.ValueText, collection ?? type.Identifier.Text, collection is not null && serial.Contains(collection), seconds));
        }

        return bounds;
    }

    public IEnumerable<string> Lessons => _classes.Select(c => c.Lesson).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The most a run of <paramref name="lesson"/> (or of every lesson, when null) can take, in seconds.</summary>
    public int RunSeconds(string? lesson)
    {
        var classes = _classes.Where(c => lesson is null || c.Lesson == lesson).ToList();
        var parallel = classes.Where(c => !c.Serial).GroupBy(c => c.Collection).Select(g => g.Sum(c => c.Seconds)).DefaultIfEmpty(0).Max();
        return parallel + classes.Where(c => c.Serial).Sum(c => c.Seconds) + MarginSeconds;
    }

    /// <summary>
    /// Each bounded fact attribute's <c>DefaultTimeoutSeconds</c> ("RedisFact" → 10), read from its source, so the
    /// harness never keeps a copy of the bounds that could drift from the attributes.
    /// </summary>
    private static Dictionary<string, int> DefaultBounds(IEnumerable<SyntaxNode> trees) =>
        trees.SelectMany(t => t.DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Identifier.Text.EndsWith("FactAttribute", StringComparison.Ordinal))
            .SelectMany(c => c.Members.OfType<FieldDeclarationSyntax>()
                .SelectMany(f => f.Declaration.Variables)
                .Where(v => v.Identifier.Text == "DefaultTimeoutSeconds" && v.Initializer?.Value is LiteralExpressionSyntax { Token.Value: int })
                .Select(v => (Name: c.Identifier.Text[..^"Attribute".Length], Seconds: (int)((LiteralExpressionSyntax)v.Initializer!.Value).Token.Value!)))
            .ToDictionary(d => d.Name, d => d.Seconds, StringComparer.Ordinal);

    private static int BoundOf(SyntaxList<AttributeListSyntax> lists, IReadOnlyDictionary<string, int> defaults)
    {
        var fact = lists.SelectMany(l => l.Attributes).FirstOrDefault(a => defaults.ContainsKey(Name(a)));
        if (fact is null)
        {
            return 0;
        }

        var explicitBound = fact.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "TimeoutSeconds");
        return explicitBound?.Expression is LiteralExpressionSyntax { Token.Value: int seconds } ? seconds : defaults[Name(fact)];
    }

    private static string Name(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString();
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() == name || a.Name.ToString() == name + "Attribute");
}
