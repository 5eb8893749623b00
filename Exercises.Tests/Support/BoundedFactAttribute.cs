using System.Runtime.CompilerServices;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// A lesson test with a bound: a <see cref="FactAttribute"/> that fails, naming itself, once it has run for
/// <see cref="TimeoutSeconds"/>, whatever the student's class does (a task that never completes, a deadlock in
/// async code). Every lesson test carries one of its kinds, [RedisFact] or [KafkaFact], so no run of the workbook can
/// hang (docs/student-loop.md).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public abstract class BoundedFactAttribute : FactAttribute
{
    public BoundedFactAttribute(int defaultTimeoutSeconds, [CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) =>
        TimeoutSeconds = defaultTimeoutSeconds;

    /// <summary>The bound on this test; set it for the few that wait longer by design.</summary>
    public int TimeoutSeconds
    {
        get => Timeout / 1000;
        set => Timeout = value * 1000;
    }
}
