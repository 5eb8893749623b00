using Workbook.Cli.Localization;

namespace Workbook.Cli.Tests;

/// <summary>The Vietnamese edition keeps up with the English one: headings, hint tiers and resource keys.</summary>
public sealed class TranslationDriftTests
{
    private const string English = """
        # Lesson 06 — Sliding-window rate limiter

        ## The concept

        ```bash
        # a shell comment, not a heading
        ```

        ## Hints

        1. A nudge.
           Continued.
        2. The commands.
        3. The shape.

        ## Going further
        """;

    private const string Vietnamese = """
        # Bài 06 — Bộ giới hạn tốc độ cửa sổ trượt <!-- en: Lesson 06 — Sliding-window rate limiter -->

        ## Khái niệm <!-- en: The concept -->

        ```bash
        # một chú thích shell, không phải heading
        ```

        ## Gợi ý <!-- en: Hints -->

        1. Gợi ý nhẹ.
           Tiếp tục.
        2. Các lệnh.
        3. Hình dáng.

        ## Tìm hiểu thêm <!-- en: Going further -->
        """;

    [Fact]
    public void A_page_in_step_has_no_drift()
    {
        TranslationDrift.Compare("06-rate-limiter.md", Lines(English), Lines(Vietnamese)).Should().BeEmpty();
    }

    [Fact]
    public void A_hint_tier_removed_from_the_Vietnamese_page_only_is_drift_naming_the_page_and_the_tier()
    {
        var vietnamese = Vietnamese.Replace("3. Hình dáng.\n", string.Empty, StringComparison.Ordinal);

        TranslationDrift.Compare("06-rate-limiter.md", Lines(English), Lines(vietnamese)).Should().ContainSingle()
            .Which.Should().Contain("06-rate-limiter.md").And.Contain("hint tier 3 is missing from the Vietnamese page");
    }

    [Fact]
    public void A_hint_tier_removed_from_the_English_page_only_is_drift_too()
    {
        var english = English.Replace("3. The shape.\n", string.Empty, StringComparison.Ordinal);

        TranslationDrift.Compare("06-rate-limiter.md", Lines(english), Lines(Vietnamese)).Should().ContainSingle()
            .Which.Should().Contain("hint tier 3 is missing from the English page");
    }

    [Fact]
    public void A_section_the_English_page_gains_is_drift_naming_the_heading()
    {
        var english = English + "\n\n## Whose clock?\n";

        TranslationDrift.Compare("06-rate-limiter.md", Lines(english), Lines(Vietnamese)).Should().ContainSingle()
            .Which.Should().Contain("'## Whose clock?'").And.Contain("no Vietnamese heading");
    }

    [Fact]
    public void A_heading_at_another_level_or_in_another_order_is_drift()
    {
        var level = Vietnamese.Replace("## Tìm hiểu thêm", "### Tìm hiểu thêm", StringComparison.Ordinal);
        var order = English.Replace("## The concept", "## Going first", StringComparison.Ordinal).Replace("## Going further", "## The concept", StringComparison.Ordinal)
            .Replace("## Going first", "## Going further", StringComparison.Ordinal);

        TranslationDrift.Compare("p.md", Lines(English), Lines(level)).Should().Contain(p => p.Contains("'### Going further'", StringComparison.Ordinal));
        TranslationDrift.Compare("p.md", Lines(order), Lines(Vietnamese)).Should().ContainSingle()
            .Which.Should().Contain("heading 2 is '## Going further' in English but '## The concept' in Vietnamese");
    }

    [Fact]
    public void A_Vietnamese_heading_without_its_English_key_is_drift()
    {
        var vietnamese = Vietnamese.Replace(" <!-- en: Going further -->", string.Empty, StringComparison.Ordinal);

        TranslationDrift.Compare("p.md", Lines(English), Lines(vietnamese))
            .Should().Contain(p => p.Contains("'## Tìm hiểu thêm' has no <!-- en: … --> key", StringComparison.Ordinal));
    }

    [Fact]
    public void The_Vietnamese_README_may_translate_part_of_the_README_but_its_keys_name_its_headings()
    {
        string[] readme = ["# Workbook", "## Prerequisites", "## The student loop", "## Layout"];

        TranslationDrift.CompareKeys("docs/vi/README.md", readme, ["# Workbook <!-- en: Workbook -->", "## Vòng học <!-- en: The student loop -->"]).Should().BeEmpty();
        TranslationDrift.CompareKeys("docs/vi/README.md", readme, ["## Cài đặt <!-- en: Setup -->"]).Should().ContainSingle()
            .Which.Should().Contain("docs/vi/README.md").And.Contain("<!-- en: Setup -->");
    }

    [Fact]
    public void Every_lesson_page_needs_its_Vietnamese_page_and_the_guides_are_checked_when_translated()
    {
        var root = Directory.CreateTempSubdirectory("vi-docs-");
        try
        {
            Write(root, "README.md", "# Workbook\n\n## The student loop\n");
            Write(root, "docs/lessons/06-rate-limiter.md", English);
            Write(root, "docs/lessons/07-orders.md", "# Lesson 07 — Orders\n");
            Write(root, "docs/vi/lessons/06-rate-limiter.md", Vietnamese.Replace("2. Các lệnh.\n", string.Empty, StringComparison.Ordinal));
            Write(root, "docs/instructors.md", "# Instructors\n\n## Grading\n");
            Write(root, "docs/vi/instructors.md", "# Giảng viên <!-- en: Instructors -->\n");
            Write(root, "docs/capstone.md", "# Capstone\n");
            Write(root, "docs/vi/README.md", "# Workbook <!-- en: Workbook -->\n\n## Vòng học <!-- en: The student loop -->\n");

            TranslatedDocs.Drift(root.FullName).Should().BeEquivalentTo(
                "docs/lessons/06-rate-limiter.md: the English hints have 3 tier(s), the Vietnamese 2: hint tier 3 is missing from the Vietnamese page.",
                "docs/lessons/07-orders.md: no Vietnamese page docs/vi/lessons/07-orders.md.",
                "docs/instructors.md: the English heading '## Grading' has no Vietnamese heading (no <!-- en: Grading --> key).");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_Vietnamese_docs_are_in_step_with_the_English_ones()
    {
        // Joined, so the failure lists every page that drifted, not only the first.
        string.Join(Environment.NewLine, TranslatedDocs.Drift(RepositoryRoot.Path))
            .Should().BeEmpty("each Vietnamese page has the English page's headings, in order, and as many hint tiers");
    }

    [Fact]
    public void A_resource_key_missing_in_one_language_an_empty_value_or_other_placeholders_are_drift()
    {
        var neutral = Resx(("Title", "Lesson {0} — {1}"), ("Done", "done"), ("Only", "English only"));
        var vietnamese = Resx(("Title", "Bài {0}"), ("Done", " "), ("Extra", "chỉ tiếng Việt"));

        ResourceDrift.Compare("HintText", neutral, vietnamese).Should().BeEquivalentTo(
            "HintText: the key 'Only' has no Vietnamese string.",
            "HintText: the key 'Extra' is only in the Vietnamese file.",
            "HintText: the key 'Done' has an empty value.",
            "HintText: the key 'Title' does not use the same placeholders in both languages.");
    }

    [Fact]
    public void Every_resource_file_has_its_Vietnamese_file_with_the_same_keys()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tools", "Workbook.Cli", "Localization");
        var neutral = Directory.EnumerateFiles(folder, "*.resx").Where(f => !f.EndsWith(".vi.resx", StringComparison.Ordinal)).ToList();
        neutral.Should().NotBeEmpty();

        var problems = neutral.SelectMany(file =>
        {
            var vietnamese = Path.ChangeExtension(file, ".vi.resx");
            return File.Exists(vietnamese)
                ? ResourceDrift.Compare(Path.GetFileName(file), File.ReadAllText(file), File.ReadAllText(vietnamese))
                : [$"{Path.GetFileName(file)} has no {Path.GetFileName(vietnamese)}."];
        });
        string.Join(Environment.NewLine, problems).Should().BeEmpty();
    }

    private static string[] Lines(string page) => page.Split('\n');

    private static void Write(DirectoryInfo root, string path, string text)
    {
        var full = Path.Combine(root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Resx(params (string Key, string Value)[] strings) =>
        new System.Xml.Linq.XElement("root", strings.Select(s => new System.Xml.Linq.XElement(
            "data",
            new System.Xml.Linq.XAttribute("name", s.Key),
            new System.Xml.Linq.XElement("value", s.Value)))).ToString();
}
