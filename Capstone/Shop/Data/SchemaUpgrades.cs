using Microsoft.EntityFrameworkCore;

namespace Workbook.Shop.Data;

/// <summary>
/// Brings a database made by an earlier shop up to this model; <c>EnsureCreated</c> only creates a missing database and
/// never changes one. Each step is idempotent: it looks before it alters.
/// </summary>
internal static class SchemaUpgrades
{
    public static async Task ApplyAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        // Orders.RequestFingerprint (issue 13, Idempotency-Key reuse): rows from before it have none and are not checked.
        if (db.Database.IsSqlite())
        {
            var present = await db.Database
                .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('Orders') WHERE name = 'RequestFingerprint'")
                .SingleAsync(cancellationToken);
            if (present == 0)
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Orders\" ADD COLUMN \"RequestFingerprint\" TEXT NULL", cancellationToken);
            }
        }
        else if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Orders\" ADD COLUMN IF NOT EXISTS \"RequestFingerprint\" character varying(64) NULL", cancellationToken);
        }

        await OutboxClaimColumns.EnsureAsync(db, cancellationToken);
    }
}
