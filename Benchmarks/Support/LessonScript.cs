using System.Reflection;

namespace Workbook.Benchmarks.Support;

/// <summary>
/// Reads a Lua script constant out of a lesson class, so the bare baseline and redis-benchmark run exactly the
/// script the lesson runs, never a copy that drifted.
/// </summary>
public static class LessonScript
{
    public static string Of<T>(string constantName) =>
        typeof(T).GetField(constantName, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no script constant {constantName}; update the benchmark.");
}
