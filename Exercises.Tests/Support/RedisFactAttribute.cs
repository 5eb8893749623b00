using System.Runtime.CompilerServices;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// A Redis lesson test: a <see cref="FactAttribute"/> that fails, naming itself, once it has run for
/// <see cref="TimeoutSeconds"/>, whatever the student's class does (a task that never completes, a deadlock in
/// async code). Every Redis lesson test uses it, so no run of the workbook can hang (docs/student-loop.md).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    /// <summary>The default bound: a Redis lesson's tests take well under a second on this machine kind.</summary>
    public const int DefaultTimeoutSeconds = 10;

    public RedisFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) =>
        Timeout = DefaultTimeoutSeconds * 1000;

    /// <summary>The bound on this test, for the few that wait longer by design.</summary>
    public int TimeoutSeconds
    {
        get => Timeout / 1000;
        set => Timeout = value * 1000;
    }
}
