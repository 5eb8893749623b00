using System.Text.Json;
using Workbook.Cli.Results;

namespace Workbook.Cli.Engine;

/// <summary>
/// Reads the xUnit v3 test host's <c>-automated</c> output: one JSON message a line. It keeps the names that
/// test-case messages carry, so that a result (which only carries ids) can be named.
/// </summary>
public sealed class AutomatedStreamReader
{
    private readonly Dictionary<string, string> _caseNames = [];
    private readonly Dictionary<string, (string FullName, string DisplayName)> _tests = [];

    /// <summary>The event a line carries, or null for lines the engine does not need.</summary>
    public HostEvent? Read(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var message = document.RootElement;
            return Text(message, "$type") switch
            {
                "diagnostic" => new HostDiagnostic(Text(message, "Message") ?? string.Empty),
                "test-case-starting" => RememberCase(message),
                "test-starting" => Started(message),
                "test-passed" => Ended(message, TestOutcome.Passed),
                "test-failed" => Ended(message, TestOutcome.Failed),
                "test-skipped" => Ended(message, TestOutcome.Skipped),
                "test-not-run" => Ended(message, TestOutcome.NotRun),
                "error" => new HostError(string.Join(Environment.NewLine, Strings(message, "Messages"))),
                _ => null,
            };
        }
    }

    private HostEvent? RememberCase(JsonElement message)
    {
        if (Text(message, "TestCaseUniqueID") is { } id && Text(message, "TestClassName") is { } type && Text(message, "TestMethodName") is { } method)
        {
            _caseNames[id] = $"{type}.{method}";
        }

        return null;
    }

    private TestStarted? Started(JsonElement message)
    {
        if (Text(message, "TestUniqueID") is not { } id)
        {
            return null;
        }

        var display = Text(message, "TestDisplayName") ?? id;
        var fullName = Text(message, "TestCaseUniqueID") is { } caseId && _caseNames.TryGetValue(caseId, out var name) ? name : display;
        _tests[id] = (fullName, display);
        TimeSpan? timeout = message.TryGetProperty("Timeout", out var ms) && ms.TryGetInt32(out var value) && value > 0 ? TimeSpan.FromMilliseconds(value) : null;
        return new TestStarted(id, display, timeout);
    }

    private TestEnded? Ended(JsonElement message, TestOutcome outcome)
    {
        if (Text(message, "TestUniqueID") is not { } id || !_tests.TryGetValue(id, out var names))
        {
            return null;
        }

        string? first = null;
        string? details = null;
        if (outcome == TestOutcome.Skipped)
        {
            first = Text(message, "Reason");
        }
        else if (outcome == TestOutcome.Failed)
        {
            var messages = Strings(message, "Messages");
            var types = Strings(message, "ExceptionTypes");
            var stacks = Strings(message, "StackTraces");
            first = messages.FirstOrDefault()?.Split('\n')[0];
            details = FailureText.Compose(types, messages, stacks);
        }

        return new TestEnded(id, new TestResult(names.FullName, names.DisplayName, outcome, first, details));
    }

    private static string? Text(JsonElement message, string property) =>
        message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement message, string property) =>
        message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : string.Empty)]
            : [];
}
