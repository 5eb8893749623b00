using System.Runtime.CompilerServices;

namespace Workbook.Exercises.Tests.Support;

/// <summary>A Kafka lesson test, bounded by <see cref="DefaultTimeoutSeconds"/> unless it says otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class KafkaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : BoundedFactAttribute(DefaultTimeoutSeconds, sourceFilePath, sourceLineNumber)
{
    /// <summary>The default bound: the slowest Kafka lesson test (a consumer restart) takes about 7 s here.</summary>
    public const int DefaultTimeoutSeconds = 30;
}
