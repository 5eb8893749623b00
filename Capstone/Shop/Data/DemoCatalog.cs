using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Data;

/// <summary>
/// Creates the schema and, when the database is empty, seeds the demo catalog: the named products P1…P8, then generated
/// ones P9…Pn up to <see cref="ShopOptions.DemoProducts"/> (load tests want thousands).
/// </summary>
internal sealed class DemoCatalog(IServiceScopeFactory scopes, IOptions<ShopOptions> options) : IHostedService
{
    /// <summary>The number of named demo products, and the smallest allowed <see cref="ShopOptions.DemoProducts"/>.</summary>
    public const int NamedCount = 8;

    /// <summary>The largest allowed <see cref="ShopOptions.DemoProducts"/>.</summary>
    public const int MaxCount = 100_000;

    private const int BatchSize = 5_000;

    public static readonly IReadOnlyList<Product> Products =
    [
        new() { Id = "P1", Name = "Espresso beans, 1 kg", Price = 24.90m },
        new() { Id = "P2", Name = "Milk frother", Price = 39.00m },
        new() { Id = "P3", Name = "Ceramic cup", Price = 8.50m },
        new() { Id = "P4", Name = "Hand grinder", Price = 79.00m },
        new() { Id = "P5", Name = "Moka pot", Price = 32.00m },
        new() { Id = "P6", Name = "Paper filters, 100", Price = 4.20m },
        new() { Id = "P7", Name = "Kettle", Price = 55.00m },
        new() { Id = "P8", Name = "Scale", Price = 21.00m },
    ];

    /// <summary>The first <paramref name="count"/> demo products, P1…P<paramref name="count"/>, always the same.</summary>
    public static IEnumerable<Product> Seed(int count)
    {
        foreach (var named in Products.Take(count))
        {
            yield return new Product { Id = named.Id, Name = named.Name, Price = named.Price };
        }

        for (var n = NamedCount + 1; n <= count; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            yield return new Product { Id = "P" + number, Name = "Demo product " + number, Price = 1.99m + (n % 97) };
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        await OutboxClaimColumns.EnsureAsync(db, cancellationToken);
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return;
        }

        // Batches in one transaction keep the change tracker small for a large catalog and leave no half-seeded one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in Seed(options.Value.DemoProducts).Chunk(BatchSize))
        {
            db.Products.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
