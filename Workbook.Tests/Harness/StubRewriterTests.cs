using System.Reflection;
using Workbook.Harness;

namespace Workbook.Tests.Harness;

/// <summary>The hang harness's two rewrites (tools/Workbook.Harness), compiled and run.</summary>
public sealed class StubRewriterTests
{
    private const string Stub = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Lesson
        {
            public Task<int> CountAsync() =>
                throw new NotImplementedException("Lesson 99: implement Lesson.CountAsync");

            public IAsyncEnumerable<string> ReadAsync() => throw new NotImplementedException("Lesson 99: implement Lesson.ReadAsync");

            public long Total => throw new NotImplementedException("Lesson 99: implement Lesson.Total");
        }
        """;

    private const string Solution = """
        using System;
        using System.Threading.Tasks;

        public sealed class Lesson
        {
            public int Started { get; private set; }

            public async Task<int> CountAsync()
            {
                Started++;
                await Task.Yield();
                return 42;
            }

            public long Total { get; private set; } = 7;
        }
        """;

    [Fact]
    public void Never_completing_stubs_return_tasks_that_never_complete_and_sync_members_keep_throwing()
    {
        var rewriter = new NeverCompletingRewriter("99");
        var lesson = Instance(InMemoryCompilation.Load(rewriter.Visit(InMemoryCompilation.Parse(Stub)), InMemoryCompilation.Parse(GeneratedSources.Never)));

        var count = (Task<int>)Call(lesson, "CountAsync");
        var read = ((IAsyncEnumerable<string>)Call(lesson, "ReadAsync")).GetAsyncEnumerator(TestContext.Current.CancellationToken).MoveNextAsync();
        var total = () => lesson.GetType().GetProperty("Total")!.GetValue(lesson);

        rewriter.Rewritten.Select(m => m.Id).Should().Equal("Lesson.CountAsync", "Lesson.ReadAsync");
        count.IsCompleted.Should().BeFalse("the awaitable stub returns a task that never completes, instead of throwing");
        read.IsCompleted.Should().BeFalse("the stream never yields nor ends");
        total.Should().Throw<TargetInvocationException>().WithInnerException<NotImplementedException>("a synchronous stub keeps throwing");
    }

    [Fact]
    public void The_selected_mutant_throws_before_any_of_the_body_runs_and_the_others_behave_as_written()
    {
        var stubs = Rewrites.FindStubsIn(InMemoryCompilation.Parse(Stub), "99");
        var rewriter = new MutantSchemaRewriter(stubs.ToDictionary(s => s.Id));
        var assembly = InMemoryCompilation.Load(rewriter.Visit(InMemoryCompilation.Parse(Solution)), InMemoryCompilation.Parse(GeneratedSources.Mutant));
        Environment.SetEnvironmentVariable(MutantSchemaRewriter.EnvironmentVariable, "Lesson.CountAsync");
        try
        {
            var lesson = Instance(assembly);

            var call = () => Call(lesson, "CountAsync");

            rewriter.Rewritten.Select(m => m.Id).Should().Equal("Lesson.CountAsync", "Lesson.Total");
            call.Should().Throw<TargetInvocationException>("the throw is synchronous, as the stub's is")
                .WithInnerException<NotImplementedException>().WithMessage("Lesson 99: implement Lesson.CountAsync");
            lesson.GetType().GetProperty("Started")!.GetValue(lesson).Should().Be(0, "none of the solution's body ran");
            lesson.GetType().GetProperty("Total")!.GetValue(lesson).Should().Be(7L, "an unselected member works as written");
        }
        finally
        {
            Environment.SetEnvironmentVariable(MutantSchemaRewriter.EnvironmentVariable, null);
        }
    }

    private static object Instance(Assembly assembly) => Activator.CreateInstance(assembly.GetType("Lesson")!)!;

    private static object Call(object target, string method) => target.GetType().GetMethod(method)!.Invoke(target, null)!;
}
