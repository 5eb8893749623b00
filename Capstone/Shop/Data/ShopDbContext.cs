using Microsoft.EntityFrameworkCore;

namespace Workbook.Shop.Data;

/// <summary>The shop's database: SQLite by default, PostgreSQL when <c>ConnectionStrings:Shop</c> is set.</summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).HasMaxLength(64);
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Price).HasPrecision(18, 2);
        });
        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.HasKey(o => o.Id);
            order.HasIndex(o => new { o.UserId, o.IdempotencyKey }).IsUnique();
            order.Property(o => o.Total).HasPrecision(18, 2);
            order.Property(o => o.RequestFingerprint).HasMaxLength(64);
        });
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.HasKey(m => m.Id);
            message.HasIndex(m => m.PublishedAtUtc);
        });
    }
}
