using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbook.Shop.Data;

/// <summary>
/// Lets one <c>SaveChanges</c> at a time write to a SQLite file from this process; the others wait asynchronously.
/// SQLite admits one writer anyway, and Microsoft.Data.Sqlite runs every command synchronously: without the gate,
/// concurrent orders each block a thread-pool thread inside SQLite's busy wait, the pool runs dry, and the outbox
/// relay and the Kafka consumers (which need the same pool) stall until the load stops. Other processes on the same
/// file are still coordinated by SQLite's own lock (<see cref="SqlitePragmas"/>' <c>busy_timeout</c>). SQLite only.
/// The gate is held per <c>SaveChanges</c>, not per explicit transaction: a transaction spanning several saves
/// (only the demo seeding, before the workers start) should not run while other writers of this process do.
/// </summary>
internal sealed class SqliteWriteGate : SaveChangesInterceptor
{
    /// <summary>One instance serves every context; the gates are per database file.</summary>
    public static readonly SqliteWriteGate Instance = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, SemaphoreSlim> _held = [];

    /// <summary>
    /// Holds this process's gate for a write that bypasses <c>SaveChanges</c> (<c>ExecuteUpdate</c>, as the outbox relay's
    /// claims); dispose the result to release it. Nothing is held on a database other than SQLite.
    /// </summary>
    public async ValueTask<Held> HoldAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Database.IsSqlite())
        {
            return default;
        }

        var gate = GateOf(context);
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            var gate = GateOf(context);
            gate.Wait();
            _held.AddOrUpdate(context, gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var gate = GateOf(context);
            await gate.WaitAsync(cancellationToken);
            _held.AddOrUpdate(context, gate);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private SemaphoreSlim GateOf(DbContext context) =>
        _gates.GetOrAdd(context.Database.GetDbConnection().DataSource ?? string.Empty, _ => new SemaphoreSlim(1, 1));

    private void Release(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var gate) && _held.Remove(context))
        {
            gate.Release();
        }
    }
}

/// <summary>A hold on a <see cref="SqliteWriteGate"/> (or none); disposing it releases the gate.</summary>
internal readonly struct Held(SemaphoreSlim? gate) : IDisposable
{
    public void Dispose() => gate?.Release();
}
