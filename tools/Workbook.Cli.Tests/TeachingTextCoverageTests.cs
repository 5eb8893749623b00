using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workbook.Cli.Localization.Teaching;

namespace Workbook.Cli.Tests;

/// <summary>
/// Every lesson test has its Vietnamese teaching text and every stub message its translation (docs/student-loop.md,
/// "Failure and stub messages in Vietnamese"), read from the sources so that no build of the lesson tests is needed.
/// </summary>
public sealed partial class TeachingTextCoverageTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    [Fact]
    public void Every_lesson_test_has_a_Vietnamese_teaching_text_and_no_text_is_orphaned()
    {
        var tests = LessonTests();
        tests.Should().HaveCountGreaterThan(100, "the scan must find the lesson tests of Exercises.Tests/NN-*/");

        var vietnamese = Keys(VietnameseTeaching.TestTexts, Vietnamese);
        tests.Except(vietnamese).Should().BeEmpty("every lesson test needs its teaching text in TestTexts.vi.resx (and TestTexts.resx), keyed by Namespace.Class.Method");
        vietnamese.Except(tests).Should().BeEmpty("a teaching text whose test is gone (renamed or removed) must go too");
        Keys(VietnameseTeaching.TestTexts, CultureInfo.InvariantCulture).Should().BeEquivalentTo(vietnamese, "TestTexts.resx carries the same keys as TestTexts.vi.resx");
    }

    [Fact]
    public void Every_stub_message_has_a_Vietnamese_translation_and_no_translation_is_orphaned()
    {
        var stubs = StubMessages();
        stubs.Should().HaveCountGreaterThan(40, "the scan must find the stub messages of Exercises/");

        var vietnamese = Keys(VietnameseTeaching.StubTexts, Vietnamese);
        stubs.Keys.Except(vietnamese).Should().BeEmpty("every stub message needs its translation in StubTexts.vi.resx (and its English message in StubTexts.resx), keyed by \"NN Class.Member\"");
        vietnamese.Except(stubs.Keys).Should().BeEmpty("a translation whose stub is gone must go too");
        Keys(VietnameseTeaching.StubTexts, CultureInfo.InvariantCulture).Should().BeEquivalentTo(vietnamese, "StubTexts.resx carries the same keys as StubTexts.vi.resx");
        foreach (var (key, english) in stubs)
        {
            VietnameseTeaching.StubTexts.GetString(key, CultureInfo.InvariantCulture).Should().Be(english, $"the neutral value of {key} is the stub's English message");
        }
    }

    [Fact]
    public void Each_stub_translation_points_to_the_Vietnamese_page_and_the_hint_of_its_lesson()
    {
        foreach (var (key, english) in StubMessages())
        {
            var page = DocsPage().Match(english);
            page.Success.Should().BeTrue($"the stub message of {key} names its lesson page");
            var lesson = key[..2];
            Text(VietnameseTeaching.StubTexts, Vietnamese, key).Should()
                .StartWith($"Bài {lesson}: hãy cài đặt {key[3..]} — ", $"the translation of {key} opens as its English message does")
                .And.Contain($"docs/vi/lessons/{page.Groups["page"].Value}", $"the translation of {key} sends the student to the Vietnamese lesson page")
                .And.EndWith($"workbook hint {lesson}", $"the translation of {key} ends with the hint command, as the English message does");
        }
    }

    [Fact]
    public void No_text_is_empty_or_still_English()
    {
        foreach (var manager in new[] { VietnameseTeaching.TestTexts, VietnameseTeaching.StubTexts })
        {
            foreach (var key in Keys(manager, Vietnamese))
            {
                var vietnamese = Text(manager, Vietnamese, key);
                vietnamese.Should().NotBeNullOrWhiteSpace($"{key} has a Vietnamese text");
                Text(manager, CultureInfo.InvariantCulture, key).Should().NotBeNullOrWhiteSpace($"{key} has a neutral value").And.NotBe(vietnamese, $"{key} is translated");
                VietnameseLetter().IsMatch(vietnamese!).Should().BeTrue($"the text of {key} is Vietnamese, with its diacritics: {vietnamese}");
            }
        }
    }

    // The [RedisFact]/[KafkaFact] methods (any *Fact or *Theory attribute) of the classes marked [Lesson], as the catalog names them.
    private static List<string> LessonTests()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "Exercises.Tests");
        var tests = new List<string>();
        foreach (var file in Directory.GetDirectories(folder).Where(d => LessonFolder().IsMatch(Path.GetFileName(d))).SelectMany(d => Directory.GetFiles(d, "*.cs", SearchOption.AllDirectories)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetCompilationUnitRoot();
            foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => HasAttribute(c.AttributeLists, n => n == "Lesson")))
            {
                var ns = type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();
                tests.AddRange(type.Members.OfType<MethodDeclarationSyntax>()
                    .Where(m => HasAttribute(m.AttributeLists, n => n.EndsWith("Fact", StringComparison.Ordinal) || n.EndsWith("Theory", StringComparison.Ordinal)))
                    .Select(m => $"{ns}.{type.Identifier.Text}.{m.Identifier.Text}"));
            }
        }

        return tests;
    }

    // Every stub message in a string literal of Exercises/**/*.cs, by its key.
    private static Dictionary<string, string> StubMessages()
    {
        var stubs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "Exercises"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetCompilationUnitRoot();
            foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
            {
                foreach (var key in StubMessage.Keys(literal.Token.ValueText))
                {
                    stubs.Add(key, literal.Token.ValueText);
                }
            }
        }

        return stubs;
    }

    private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, Func<string, bool> name) =>
        lists.SelectMany(l => l.Attributes).Any(a => name(a.Name.ToString().Split('.')[^1].Replace("Attribute", string.Empty, StringComparison.Ordinal)));

    private static List<string> Keys(ResourceManager manager, CultureInfo culture) =>
        [.. (manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"no {culture.Name} resources"))
            .Cast<DictionaryEntry>().Select(e => (string)e.Key)];

    private static string? Text(ResourceManager manager, CultureInfo culture, string key) =>
        manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);

    [GeneratedRegex("^[0-9B][0-9]-")]
    private static partial Regex LessonFolder();

    [GeneratedRegex(@"docs/lessons/(?<page>[^ ;]+\.md)")]
    private static partial Regex DocsPage();

    [GeneratedRegex("[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
