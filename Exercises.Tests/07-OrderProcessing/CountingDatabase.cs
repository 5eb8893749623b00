using System.Reflection;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>
/// A decorator over <see cref="IDatabase"/> that counts the commands sent through it, so a test can tell which of two
/// group members did work. Built with <see cref="DispatchProxy"/>; public and unsealed because DispatchProxy needs that.
/// </summary>
public class CountingDatabase : DispatchProxy
{
    private IDatabase _inner = null!;
    private int _commands;

    /// <summary>Redis commands (async calls) sent so far.</summary>
    public int Commands => Volatile.Read(ref _commands);

    public static (IDatabase Database, CountingDatabase Counter) Wrap(IDatabase inner)
    {
        var proxy = Create<IDatabase, CountingDatabase>();
        var counter = (CountingDatabase)(object)proxy;
        counter._inner = inner;
        return (proxy, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name.EndsWith("Async", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _commands);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
