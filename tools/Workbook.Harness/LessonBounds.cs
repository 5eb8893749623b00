using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Harness;

/// <summary>
/// The time bounds written on the lesson tests ([RedisFact] 10 s, [KafkaFact] 30 s, or TimeoutSeconds = N), summed the
/// way xUnit runs them: the tests of one class run one after another, classes run in parallel, and a collection that
/// disables parallelization runs alone afterwards. So a lesson run can take at most its slowest class's sum plus the
/// serial collections' sums.
/// </summary>
internal sealed class LessonBounds
{
    private const int RedisSeconds = 10;
    private const int KafkaSeconds = 30;

    /// <summary>Process start, backend start and teardown, on top of the tests' own bounds.</summary>
    public const int MarginSeconds = 30;

    private readonly List<(string Lesson, string Collection, bool Serial, int Seconds)> _classes = [];

    public static LessonBounds Read(string root)
    {
        var bounds = new LessonBounds();
        var trees = SourceTree.Files(Path.Combine(root, "Exercises.Tests")).Select(f => f.Root).ToList();
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
            var seconds = type.Members.OfType<MethodDeclarationSyntax>().Sum(m => BoundOf(m.AttributeLists));
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

    private static int BoundOf(SyntaxList<AttributeListSyntax> lists)
    {
        var fact = Attribute(lists, "RedisFact") ?? Attribute(lists, "KafkaFact");
        if (fact is null)
        {
            return 0;
        }

        var explicitBound = fact.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "TimeoutSeconds");
        return explicitBound?.Expression is LiteralExpressionSyntax { Token.Value: int seconds }
            ? seconds
            : fact.Name.ToString() == "RedisFact" ? RedisSeconds : KafkaSeconds;
    }

    private static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() == name || a.Name.ToString() == name + "Attribute");
}
