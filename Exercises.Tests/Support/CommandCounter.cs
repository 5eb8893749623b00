using System.Collections.Concurrent;
using System.Reflection;
using StackExchange.Redis;

namespace Workbook.Exercises.Tests.Support;

/// <summary>An <see cref="IDatabase"/> that forwards every call to a real one and records which methods were called.</summary>
public class CommandCounter : DispatchProxy
{
    private IDatabase _inner = null!;

    /// <summary>The names of the methods called, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How many Redis commands (async calls) went through so far.</summary>
    public int Commands => Calls.Count(name => name.EndsWith("Async", StringComparison.Ordinal));

    public static (IDatabase Database, CommandCounter Counter) Wrap(IDatabase inner)
    {
        var database = Create<IDatabase, CommandCounter>();
        var counter = (CommandCounter)(object)database;
        counter._inner = inner;
        return (database, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Enqueue(targetMethod.Name);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }
}
