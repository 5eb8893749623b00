using Workbook.Cli.Similarity;

namespace Workbook.Cli.Tests;

public sealed class SimilarityMarkdownTests
{
    [Fact]
    public void Pairs_are_a_table_of_lesson_students_similarity_and_against()
    {
        var report = new SimilarityReport(0.5, 8,
        [
            new SimilarPair("02", "carol", SimilarityCheck.Solutions, 0.912, ["/c/Exercises/02-UserProfileCache/UserProfileCache.cs"], ["/s/02-UserProfileCache/UserProfileCache.cs"]),
            new SimilarPair("02", "alice", "bob|smith", 0.5, ["/a/x.cs"], ["/b/x.cs"]),
        ], []);

        var lines = SimilarityMarkdown.Write(report).Split('\n');

        lines[0].Should().Be("## Similar code — look at it");
        lines.Should().ContainInConsecutiveOrder(
            "| lesson | students | similarity | against |",
            "|---|---|---|---|",
            "| 02 | carol | 91 % | Solutions/ |",
            "| 02 | alice, bob\\|smith | 50 % | each other |");
        var text = string.Join('\n', lines);
        text.Should().Contain("50 %").And.Contain("8-token").And.Contain("look before drawing any conclusion");
        text.Should().NotContainAny(["plagiar", "cheat", "copied from"], "the section is a signal to look, never a verdict");
    }

    [Fact]
    public void No_pairs_says_so_and_unread_files_are_listed()
    {
        var text = SimilarityMarkdown.Write(new SimilarityReport(0.5, 8, [], ["/a/Exercises/01-ArticleViews/ArticleViews.cs: Access denied"]));

        text.Should().Contain("No lesson is that similar to Solutions/ or to another student's.");
        text.Should().Contain("- /a/Exercises/01-ArticleViews/ArticleViews.cs: Access denied");
        text.Should().NotContain("| lesson |");
    }
}
