using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbook.Shop.Data;

/// <summary>
/// Tunes every SQLite connection the shop opens for many concurrent writers (SQLite only; PostgreSQL is not touched).
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>: the file is in WAL mode (EF Core's <c>EnsureCreated</c> makes it so), where the
/// default <c>FULL</c> syncs the log on every commit; <c>NORMAL</c> syncs it only at checkpoints, which lifts the
/// one-writer commit rate several-fold. The trade-off: a commit survives a crash of the shop's process, but the last
/// commits before a power loss or an operating-system crash may be rolled back (the database stays consistent).</item>
/// <item><c>busy_timeout</c>: a writer that finds the database locked waits inside SQLite (in steps of a few
/// milliseconds) instead of returning busy to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms per attempt:
/// under concurrent orders those sleeps, not the commits, set the pace.</item>
/// </list>
/// Microsoft.Data.Sqlite's connection string has no keyword for either, hence an interceptor.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    /// <summary>One instance serves every context: it holds no state.</summary>
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
