using System.Collections.Concurrent;
using System.Reflection;
using StackExchange.Redis;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// An <see cref="IDatabase"/> that proves "one atomic step" without timing: it lets the class under test's commands
/// through one at a time and, before each one, looks at the data as any other client could at that moment. Between
/// two commands another client can always run; this one always does. A class that writes in one script or one
/// MULTI/EXEC sends one command, so nothing in between is seen; a class that writes in two round trips shows its
/// half-written state to the check, every time, whatever the scheduling.
/// </summary>
/// <remarks>
/// The check goes to the same connection as the commands, after them: Redis answers one connection in order, so the
/// check sees everything sent before it, fire-and-forget commands included. The check must not go through the
/// observed database. Commands queued on a batch or a transaction (<c>CreateBatch</c>, <c>CreateTransaction</c>) are
/// not observed one by one; a transaction is atomic anyway.
/// </remarks>
public class BetweenCommands : DispatchProxy
{
    private static readonly MethodInfo SendOfT = typeof(BetweenCommands).GetMethod(nameof(Send), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly Lock _gate = new();
    private IDatabase _inner = null!;
    private Func<Task<string?>> _check = null!;
    private Task _previous = Task.CompletedTask;
    private string _last = "the first command";
    private int _checks;

    /// <summary>What the check saw wrong, each with the commands it fell between.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>How many times the check ran (once before each command).</summary>
    public int Checks => Volatile.Read(ref _checks);

    /// <summary>
    /// Wraps <paramref name="inner"/>; <paramref name="check"/> reads through anything but the wrapper and returns what
    /// is wrong, or null when the data is as it may be seen. It may also write, to put another client's work exactly
    /// between two of the class's commands.
    /// </summary>
    public static (IDatabase Database, BetweenCommands Observer) Wrap(IDatabase inner, Func<Task<string?>> check)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(check);
        var database = Create<IDatabase, BetweenCommands>();
        var observer = (BetweenCommands)(object)database;
        observer._inner = inner;
        observer._check = check;
        return (database, observer);
    }

    /// <summary>Runs the check once more, after the last command (call it when the class under test returned).</summary>
    public Task CheckAfterLastAsync()
    {
        lock (_gate)
        {
            var next = RunAfterAsync(_previous, "after the last command");
            _previous = next;
            return next;
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var returns = targetMethod.ReturnType;
        if (returns == typeof(Task))
        {
            return NextAsync(targetMethod.Name, async () =>
            {
                await (Task)Forward(targetMethod, args)!;
                return true;
            });
        }

        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return SendOfT.MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(this, [targetMethod, args]);
        }

        // A synchronous command: wait for the commands before it and check, off the test's thread, then send it.
        Task.Run(() => NextAsync(targetMethod.Name, () => Task.FromResult(true))).GetAwaiter().GetResult();
        return Forward(targetMethod, args);
    }

    private Task<T> Send<T>(MethodInfo method, object?[]? args) => NextAsync(method.Name, () => (Task<T>)Forward(method, args)!);

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    private Task<T> NextAsync<T>(string command, Func<Task<T>> send)
    {
        lock (_gate)
        {
            var next = RunAsync(_previous, command, send);
            _previous = next;
            return next;
        }
    }

    private async Task<T> RunAsync<T>(Task previous, string command, Func<Task<T>> send)
    {
        await Settled(previous);
        await CheckAsync($"between {_last} and {command}");
        _last = command;
        return await send();
    }

    private async Task RunAfterAsync(Task previous, string where)
    {
        await Settled(previous);
        await CheckAsync($"{where} ({_last})");
    }

    private async Task CheckAsync(string where)
    {
        Interlocked.Increment(ref _checks);
        string? wrong;
        try
        {
            wrong = await _check();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            wrong = $"the check itself failed: {error.GetType().Name}: {error.Message}";
        }

        if (wrong is not null)
        {
            Violations.Enqueue($"{where}: {wrong}");
        }
    }

    // A failed command is the class under test's business; the next one still waits for it, never for its outcome.
    private static Task Settled(Task previous) =>
        previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
