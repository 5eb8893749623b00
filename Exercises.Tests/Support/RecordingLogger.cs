using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workbook.Exercises.Tests.Support;

/// <summary>An <see cref="ILogger{T}"/> that keeps the messages of warnings and worse, for tests of what a class reports.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _warnings = new();

    /// <summary>The formatted messages logged at <see cref="LogLevel.Warning"/> or above, in order.</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (logLevel >= LogLevel.Warning)
        {
            _warnings.Enqueue(formatter(state, exception));
        }
    }
}
