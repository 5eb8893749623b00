using Workbook.Cli.Similarity;

namespace Workbook.Cli.Tests;

public sealed class SimilarityTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryRoot.Path, "tools", "Workbook.Cli.Tests", "SimilarityFixtures");

    private static readonly LessonSources Solutions = LessonSources.FromFolder(Path.Combine(RepositoryRoot.Path, "Solutions"));

    private static readonly LessonSources Stubs = LessonSources.FromFolder(Path.Combine(RepositoryRoot.Path, "Exercises"));

    [Fact]
    public void Renaming_reformatting_and_comments_do_not_change_the_tokens()
    {
        var original = SourceTokens.Of("""
            // counts
            var total = items.Sum(i => i.Price * 2); /* twice */
            return $"total {total}";
            """);
        var disguised = SourceTokens.Of("""
            var   sum=
                things.Sum( x =>x.Cost*7 );
            return $"sum is {sum}" ;
            """);

        disguised.Should().Equal(original);
        original.Should().StartWith(["var", "id", "EqualsToken", "id", "DotToken", "id"], "identifiers become id, contextual keywords and operators stay");
        original.Should().Contain(["num", "str"]).And.NotContain(t => t.Contains("counts", StringComparison.Ordinal) || t.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Keywords_and_operators_tell_sources_apart()
    {
        SourceTokens.Of("if (a < b) return a;").Should().NotEqual(SourceTokens.Of("while (a > b) return a;"));
    }

    [Fact]
    public async Task A_copy_of_every_solution_with_renamed_names_reordered_members_and_new_layout_is_flagged()
    {
        using var scratch = new ScratchFolder();
        var alice = scratch.Student("alice", Solutions.Lessons.ToDictionary(l => l.Key, l => l.Value.Select(f => Disguise.Of(File.ReadAllText(f))).ToList()));

        var report = await SimilarityCheck.FindAsync([alice], Solutions, Stubs, cancellationToken: TestContext.Current.CancellationToken);

        report.Pairs.Select(p => p.Lesson).Should().BeEquivalentTo(Solutions.Lessons.Keys, "every lesson's disguised copy is near-identical to its solution");
        report.Pairs.Should().AllSatisfy(p =>
        {
            p.Student.Should().Be("alice");
            p.Against.Should().Be(SimilarityCheck.Solutions);
            p.Similarity.Should().BeGreaterThanOrEqualTo(SimilarityCheck.DefaultThreshold);
        });
        report.Unread.Should().BeEmpty();
    }

    [Fact]
    public async Task The_untouched_stubs_are_not_flagged_against_the_solutions_or_each_other()
    {
        using var scratch = new ScratchFolder();
        var stubsAsWritten = Stubs.Lessons.ToDictionary(l => l.Key, l => l.Value.Select(File.ReadAllText).ToList());
        StudentSources[] students = [scratch.Student("alice", stubsAsWritten), scratch.Student("bob", stubsAsWritten)];

        var report = await SimilarityCheck.FindAsync(students, Solutions, Stubs, cancellationToken: TestContext.Current.CancellationToken);

        report.Pairs.Should().BeEmpty("a stub is the code everyone was given: it is nobody's work, so two untouched checkouts are not similar work");
    }

    [Theory]
    [InlineData("01-ArticleViews.independent.cs.txt")]
    [InlineData("01-ArticleViews.same-approach.cs.txt")]
    [InlineData("02-UserProfileCache.independent.cs.txt")]
    public async Task Two_different_correct_answers_to_a_lesson_are_not_flagged(string fixture)
    {
        using var scratch = new ScratchFolder();
        var lesson = fixture[..2];
        var independent = File.ReadAllText(Path.Combine(Fixtures, fixture));
        StudentSources[] students =
        [
            scratch.Student("alice", new() { [lesson] = [independent] }),
            scratch.Student("bob", new() { [lesson] = [.. Solutions.Lessons[lesson].Select(File.ReadAllText)] }),
        ];

        var report = await SimilarityCheck.FindAsync(students, Solutions, Stubs, cancellationToken: TestContext.Current.CancellationToken);

        report.Pairs.Should().ContainSingle("bob handed in Solutions/ itself, and only that is listed")
            .Which.Should().Match<SimilarPair>(p => p.Student == "bob" && p.IsAgainstSolutions && p.Similarity == 1);
    }

    [Fact]
    public async Task Two_students_with_the_same_disguised_code_are_flagged_as_a_pair()
    {
        using var scratch = new ScratchFolder();
        var answer = File.ReadAllText(Path.Combine(Fixtures, "02-UserProfileCache.independent.cs.txt"));
        StudentSources[] students =
        [
            scratch.Student("alice", new() { ["02"] = [answer] }),
            scratch.Student("bob", new() { ["02"] = [Disguise.Of(answer)] }),
            scratch.Student("carol", new() { ["02"] = [.. Solutions.Lessons["02"].Select(f => Disguise.Of(File.ReadAllText(f)))] }),
        ];

        var report = await SimilarityCheck.FindAsync(students, Solutions, Stubs, cancellationToken: TestContext.Current.CancellationToken);

        report.Pairs.Select(p => (p.Student, p.Against)).Should().BeEquivalentTo([("alice", "bob"), ("carol", SimilarityCheck.Solutions)]);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_named_and_the_rest_still_compared()
    {
        using var scratch = new ScratchFolder();
        var copy = scratch.Student("alice", new() { ["02"] = [.. Solutions.Lessons["02"].Select(File.ReadAllText)] });
        var missing = new StudentSources("bob", new LessonSources(new Dictionary<string, IReadOnlyList<string>> { ["02"] = [Path.Combine(scratch.Path, "gone.cs")] }));

        var report = await SimilarityCheck.FindAsync([missing, copy], Solutions, Stubs, cancellationToken: TestContext.Current.CancellationToken);

        report.Unread.Should().ContainSingle().Which.Should().Contain("gone.cs");
        report.Pairs.Should().ContainSingle().Which.Student.Should().Be("alice");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public async Task A_threshold_outside_0_to_1_is_refused(double threshold)
    {
        var act = () => SimilarityCheck.FindAsync([], Solutions, Stubs, threshold, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("threshold");
    }

    [Fact]
    public void Lessons_are_read_from_NN_Name_folders_without_build_output()
    {
        Solutions.Lessons.Keys.Should().Contain(["01", "12", "B1"]);
        Solutions.Lessons["07"].Should().Contain(f => f.EndsWith("OrderConsumerLoop.cs", StringComparison.Ordinal), "a lesson's helper files count too");
        Solutions.Lessons.Values.SelectMany(f => f).Should().NotContain(f => f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Solutions.Lessons.Values.SelectMany(f => f).Should().NotContain(f => f.EndsWith("AssemblyInfo.cs", StringComparison.Ordinal), "a file outside the lesson folders is no lesson's");
    }

    /// <summary>A temporary folder for students' files, deleted afterwards.</summary>
    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("workbook-similarity-").FullName;

        public StudentSources Student(string name, Dictionary<string, List<string>> lessons)
        {
            foreach (var (lesson, sources) in lessons)
            {
                var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, name, "Exercises", lesson + "-Lesson")).FullName;
                for (var i = 0; i < sources.Count; i++)
                {
                    File.WriteAllText(System.IO.Path.Combine(folder, $"File{i}.cs"), sources[i]);
                }
            }

            return StudentSources.FromCheckout(name, System.IO.Path.Combine(Path, name));
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
