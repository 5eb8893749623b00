using Workbook.Cli.Catalog;
using Workbook.Cli.Grading;
using Workbook.Cli.Pristine;

namespace Workbook.Cli.ClassGrading;

/// <summary>
/// Grades every student of a class, pristine, one after another or <c>jobs</c> at a time (each job has its own
/// workspace). A checkout that cannot be graded, or that breaks the grader, becomes a row with its status and
/// zeros; the others go on.
/// </summary>
public static class ClassGrader
{
    public static async Task<IReadOnlyList<StudentResult>> GradeAsync(IReadOnlyList<Student> students, PristineSession session, int jobs, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(log);
        var results = new StudentResult?[students.Count];
        var failures = new (string Status, string Message)?[students.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, students.Count),
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var student = students[i];
                await log.WriteLineAsync($"[{i + 1}/{students.Count}] {student.Name}: {student.Checkout}");
                try
                {
                    results[i] = StudentResult.Of(student, await session.GradeAsync(student.Checkout, token));
                    await log.WriteLineAsync($"[{i + 1}/{students.Count}] {student.Name}: {results[i]!.Report.TotalPercent:0.0} / 100 ({results[i]!.Status})");
                }
                catch (UngradableCheckoutException e)
                {
                    failures[i] = (e.Status, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures[i] = (StudentResult.Failed, $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" "));
                }

                if (failures[i] is { } failure)
                {
                    await log.WriteLineAsync($"[{i + 1}/{students.Count}] {student.Name}: not graded ({failure.Status}): {failure.Message}");
                }
            });

        // A student who was not graded gets a report of zeros over the same tests as the others.
        var catalog = results.FirstOrDefault(r => r is not null) is { } any
            ? new TestCatalog([.. any.Report.Tests.Select(t => t.Test)])
            : new TestCatalog([]);
        return [.. students.Select((student, i) => results[i] ?? NotGraded(student, failures[i]!.Value, catalog, session.Reference.Root))];
    }

    private static StudentResult NotGraded(Student student, (string Status, string Message) failure, TestCatalog catalog, string reference)
    {
        var report = Grader.Grade(catalog, [], "Exercises", student.Checkout) with
        {
            Grading = new GradingNotes(GradingNotes.PristineMode, reference, null, [], [new LessonProblem(null, failure.Status, null, failure.Message)]),
        };
        return new StudentResult(student, failure.Status, failure.Message, report, new Dictionary<string, IReadOnlyList<string>>());
    }
}
