namespace Workbook.Contracts;

/// <summary>
/// The seed's task (lesson 03): <c>{"type": "email", "to": "user@example.com"}</c>.
/// Stored as snake_case JSON so a Python worker reads the same queue.
/// </summary>
/// <param name="Type">What kind of task: <c>email</c>, <c>sms</c>…</param>
/// <param name="To">Where it goes: an address or a phone number.</param>
public sealed record QueuedTask(string Type, string To);
