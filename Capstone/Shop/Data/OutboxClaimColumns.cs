using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Workbook.Shop.Data;

/// <summary>
/// Adds the relay's claim columns (<see cref="OutboxMessage.ClaimedBy"/>, <see cref="OutboxMessage.ClaimedUntilUtc"/>)
/// to a database created before they existed: <c>EnsureCreated</c> makes new databases only, and the shop has no
/// migrations. A database that has them is left alone.
/// </summary>
internal static class OutboxClaimColumns
{
    public static async Task EnsureAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.OutboxMessages.Select(m => m.ClaimedUntilUtc).FirstOrDefaultAsync(cancellationToken);
            return;
        }
        catch (DbException)
        {
            // An older database: the columns are missing.
        }

        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "OutboxMessages" ADD COLUMN "ClaimedBy" TEXT NULL""", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            db.Database.IsNpgsql()
                ? """ALTER TABLE "OutboxMessages" ADD COLUMN "ClaimedUntilUtc" timestamp with time zone NULL"""
                : """ALTER TABLE "OutboxMessages" ADD COLUMN "ClaimedUntilUtc" TEXT NULL""",
            cancellationToken);
    }
}
