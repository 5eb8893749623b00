namespace Workbook.Harness;

/// <summary>
/// A member the student writes: in Exercises/ its body throws <see cref="NotImplementedException"/>.
/// <see cref="Id"/> is <c>Type.Member</c> (overloads share one id), <see cref="Lesson"/> the lesson folder's number.
/// </summary>
internal sealed record StubMember(string Id, string Lesson, string Message);
