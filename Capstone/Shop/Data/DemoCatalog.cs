using Microsoft.EntityFrameworkCore;

namespace Workbook.Shop.Data;

/// <summary>Creates the schema and a small demo catalog (P1…P8) when the database is empty.</summary>
internal sealed class DemoCatalog(IServiceScopeFactory scopes) : IHostedService
{
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (!await db.Products.AnyAsync(cancellationToken))
        {
            db.Products.AddRange(Products.Select(p => new Product { Id = p.Id, Name = p.Name, Price = p.Price }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
