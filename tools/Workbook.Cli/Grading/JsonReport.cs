using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Cli.Grading;

/// <summary>
/// The grade report as JSON for autograders. The shape is documented in <c>docs/grading-json.md</c> and versioned by
/// <c>schemaVersion</c>: fields are only ever added within a version.
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 2;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(GradeReport report)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["target"] = report.Target,
            ["checkout"] = report.Checkout,
            ["totalScore"] = report.TotalPercent,
            ["maxScore"] = 100,
            ["overall"] = Score(report.Overall),
            ["cells"] = new JsonArray([.. report.Cells.Select(Cell)]),
            ["tests"] = new JsonArray([.. report.Tests.Select(Test)]),
            ["grading"] = Grading(report.Grading),
        };
        return json.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Cell(CellScore cell)
    {
        var json = Score(cell.Score);
        json.Insert(0, "level", cell.Level);
        json.Insert(1, "skill", cell.Skill);
        json["lessons"] = new JsonArray([.. cell.Lessons.Select(l => (JsonNode)l)]);
        json["items"] = new JsonArray([.. cell.Items.Select(item =>
        {
            var itemJson = Score(item.Score);
            itemJson.Insert(0, "name", item.Name);
            itemJson["tests"] = new JsonArray([.. item.Tests.Select(t => (JsonNode)t.Test.FullName)]);
            return (JsonNode)itemJson;
        })]);
        return json;
    }

    private static JsonObject Grading(GradingNotes notes) => new()
    {
        ["mode"] = notes.Mode,
        ["reference"] = notes.Reference,
        ["sandbox"] = notes.Sandbox,
        ["ignored"] = new JsonArray([.. notes.Ignored.Select(c => (JsonNode)new JsonObject
        {
            ["path"] = c.Path,
            ["change"] = c.Change,
            ["files"] = c.Files,
        })]),
        ["lessons"] = new JsonArray([.. notes.Problems.Select(p => (JsonNode)new JsonObject
        {
            ["lesson"] = p.Lesson,
            ["status"] = p.Status,
            ["file"] = p.File,
            ["detail"] = p.Detail,
        })]),
    };

    private static JsonObject Score(Score score) => new()
    {
        ["status"] = score.Status,
        ["passed"] = score.Passed,
        ["total"] = score.Total,
        ["skipped"] = score.Skipped,
        ["credit"] = score.Credit is { } credit ? Math.Round(credit, 4) : null,
    };

    private static JsonNode Test(GradedTest test) => new JsonObject
    {
        ["name"] = test.Test.FullName,
        ["lesson"] = test.Test.Lesson,
        ["level"] = test.Test.Level,
        ["skill"] = test.Test.Skill,
        ["rubric"] = new JsonArray([.. test.Test.RubricItems.Select(r => (JsonNode)r)]),
        ["results"] = new JsonArray([.. test.Results.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.DisplayName,
            ["outcome"] = r.Outcome.ToString(),
            ["message"] = r.Message,
        })]),
    };
}
