using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbook.Shop.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on every SQLite connection the shop opens (SQLite only; PostgreSQL is not
/// touched). The database file is in WAL mode (EF Core's <c>EnsureCreated</c> makes it so), where SQLite's default
/// <c>FULL</c> syncs the log on every commit; <c>NORMAL</c> syncs it only at checkpoints. That lifts the one-writer
/// commit rate several-fold (orders, outbox stamps). The trade-off: a commit survives a crash of the shop's process,
/// but the last commits before a power loss or an operating-system crash may be rolled back (the database stays
/// consistent). Microsoft.Data.Sqlite's connection string has no keyword for it, hence an interceptor.
/// </summary>
internal sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA synchronous=NORMAL;";

    /// <summary>One instance serves every context: it holds no state.</summary>
    public static readonly SqliteSynchronousNormal Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
