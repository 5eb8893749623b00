using System.Text.Json;
using System.Text.Json.Nodes;
using Workbook.Cli.Grading;
using Workbook.Cli.Results;

namespace Workbook.Cli.Classroom;

/// <summary>
/// The grade report as the result GitHub Classroom's <c>autograding-grading-reporter</c> reads from a grader step
/// (base64-encoded by the workflow): one test per level × skill cell that has tests, worth <see cref="CellPoints"/>,
/// scored from the same <see cref="GradeReport"/> as the JSON report. Described in <c>docs/classroom.md</c>.
/// </summary>
public static class ClassroomReport
{
    /// <summary>What the whole workbook is worth in Classroom.</summary>
    public const int MaxScore = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(GradeReport report)
    {
        var cells = report.Cells.Where(c => c.Score.Credit is not null).ToList();
        var points = CellPoints.Split(MaxScore, cells.Count);
        var tests = cells.Select((cell, i) => Cell(report, cell, points[i])).ToList();
        if (tests.Count == 0)
        {
            // Nothing was graded (no test ran): say so as a failing test, instead of an empty list the reporter divides by.
            tests.Add(Test("Workbook grade", "fail", 0, "No lesson test was counted: see the grade step's log.", "dotnet run --project tools/Workbook.Cli -- grade"));
        }

        var json = new JsonObject
        {
            ["version"] = 1,
            ["status"] = cells.Count > 0 && cells.All(c => c.Score.Status == "full") ? "pass" : "fail",
            ["max_score"] = MaxScore,
            ["tests"] = new JsonArray([.. tests]),
        };
        return json.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Cell(GradeReport report, CellScore cell, int points)
    {
        var earned = CellPoints.Earned(cell.Score.Credit!.Value, points);
        var lessons = cell.Lessons.Count == 1 ? $"lesson {cell.Lessons[0]}" : $"lessons {string.Join(", ", cell.Lessons)}";
        var notPassing = report.Tests
            .Where(t => t.Test.Level == cell.Level && t.Test.Skill == cell.Skill && !t.Passed && t.Results.Any(r => r.Outcome != TestOutcome.Skipped))
            .GroupBy(t => t.Test.Lesson)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"lesson {g.Key} ({g.Count()})")
            .ToList();
        var message = $"{cell.Score.Describe()} tests passed: {earned} of {points} points."
            + (notPassing.Count == 0 ? string.Empty : $" Not passing yet: {string.Join(", ", notPassing)}.");
        return Test(
            $"{cell.Level} · {cell.Skill} ({lessons})",
            cell.Score.Status == "full" ? "pass" : "fail",
            earned,
            message,
            $"dotnet test Exercises.Tests --filter \"Level={cell.Level}&Skill={cell.Skill}\"");
    }

    // The fields the reporter reads; line_no 0 tells it there is no source line to print.
    private static JsonObject Test(string name, string status, int score, string message, string command) => new()
    {
        ["name"] = name,
        ["status"] = status,
        ["score"] = score,
        ["message"] = message,
        ["test_code"] = command,
        ["filename"] = string.Empty,
        ["line_no"] = 0,
    };
}
