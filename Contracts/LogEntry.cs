namespace Workbook.Contracts;

/// <summary>
/// One application log line on <c>application.logs</c> (lesson 04). On the wire it is JSON through
/// <see cref="WorkbookJson"/>: <c>{"level":"INFO","message":"...","timestamp":"2026-11-25T16:00:00+00:00"}</c>.
/// </summary>
/// <param name="Level">DEBUG, INFO, WARNING, ERROR or CRITICAL.</param>
/// <param name="Message">What happened; never empty.</param>
/// <param name="Timestamp">When it was logged (ISO-8601 with offset on the wire).</param>
public sealed record LogEntry(string Level, string Message, DateTimeOffset Timestamp);
