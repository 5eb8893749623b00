using System.Threading.Channels;
using Workbook.Cli.Catalog;
using Workbook.Cli.Commands;
using Workbook.Cli.Grading;
using Workbook.Cli.Progress;
using Workbook.Cli.Watch;

namespace Workbook.Cli.Tests;

public sealed class WatchUnitTests
{
    [Theory]
    [InlineData("1", "01")]
    [InlineData("06", "06")]
    [InlineData("b1", "B1")]
    [InlineData("B3", "B3")]
    public void Lesson_numbers_are_read_as_students_type_them(string typed, string lesson) =>
        new WatchSettings { Lesson = typed }.LessonNumber.Should().Be(lesson);

    [Theory]
    [InlineData('h', WatchKey.Hint)]
    [InlineData('R', WatchKey.Rerun)]
    [InlineData('f', WatchKey.AllFailures)]
    [InlineData('l', WatchKey.Lessons)]
    [InlineData('q', WatchKey.Quit)]
    public void Keys_map_to_what_the_footer_promises(char key, WatchKey expected) => KeyReader.Parse(key).Should().Be(expected);

    [Fact]
    public void An_unknown_key_does_nothing() => KeyReader.Parse('x').Should().BeNull();

    [Fact]
    public void The_next_lesson_is_the_first_one_after_the_current_not_done()
    {
        var standing = new WorkbookStanding(["01", "02", "03", "B1"], lesson => lesson);
        standing.Record(new LessonProgress("02", "two", "Beginner", "Redis", new Score(3, 3, 0), []));
        standing.Record(new LessonProgress("03", "three", "Beginner", "Redis", new Score(1, 3, 0), []));

        standing.NextAfter("01").Should().Be("03", "02 is done, 03 is not");
        standing.NextAfter("03").Should().Be("B1");
        standing.NextAfter("B1").Should().Be("01", "the order wraps around to lessons not done yet");
        standing.Done.Should().Be(1);
    }

    [Fact]
    public void The_first_failing_test_is_the_first_in_source_order_not_in_the_alphabet()
    {
        static GradedTest Failing(string method, int order) => new(
            new CatalogTest("Workbook.Exercises.Tests.Lesson01.ArticleViewsTests", method, "01", "Beginner", "Redis", []) { DeclarationOrder = order },
            [new Results.TestResult($"Workbook.Exercises.Tests.Lesson01.ArticleViewsTests.{method}", method, Results.TestOutcome.Failed, "not yet")]);

        var progress = new LessonProgress("01", "views", "Beginner", "Redis", new Score(0, 2, 0), [Failing("A_limit_below_one_is_rejected", 9), Failing("Seed_example_counts_views", 3)]);

        progress.FirstFailing!.Test.MethodName.Should().Be("Seed_example_counts_views", "the seed example is written first in the test class, so it is what a student meets first");
    }

    [Fact]
    public async Task A_burst_of_writes_to_one_file_is_one_save_and_build_output_is_ignored()
    {
        var folder = Directory.CreateTempSubdirectory("workbook-watch-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "obj"));
            var signals = Channel.CreateUnbounded<WatchSignal>();
            using var watcher = new SaveWatcher(folder, signals.Writer);
            var file = Path.Combine(folder, "Lesson.cs");

            for (var i = 0; i < 5; i++)
            {
                await File.WriteAllTextAsync(file, $"// edit {i}", TestContext.Current.CancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "obj", "Generated.cs"), "// not the student's", TestContext.Current.CancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(10));
            var saved = (FilesSaved)await signals.Reader.ReadAsync(wait.Token);
            saved.Files.Should().Equal([file], "five writes within the quiet period are one save, and obj/ is the build's");
            await Task.Delay(SaveWatcher.Quiet * 4, TestContext.Current.CancellationToken);
            signals.Reader.TryRead(out var extra).Should().BeFalse($"nothing else was saved, but got {extra}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
