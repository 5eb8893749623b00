using System.Runtime.CompilerServices;

namespace Workbook.Exercises.Tests.Support;

/// <summary>A Redis lesson test, bounded by <see cref="DefaultTimeoutSeconds"/> unless it says otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : BoundedFactAttribute(DefaultTimeoutSeconds, sourceFilePath, sourceLineNumber)
{
    /// <summary>The default bound: a Redis lesson's tests take well under a second on this machine kind.</summary>
    public const int DefaultTimeoutSeconds = 10;
}
