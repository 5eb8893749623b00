using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workbook.Contracts;
using Workbook.Lessons;
using Workbook.Shop.Data;
using Workbook.Shop.Hosting;
using Workbook.Shop.Resilience;

namespace Workbook.Shop.Catalog;

/// <summary>
/// Products read through two caches: this instance's memory (short TTL), then Redis (bonus B1's
/// <see cref="StampedeProtectedCache"/>: lesson 10's read-through cache where concurrent misses on one key, across
/// instances, load it from the database once), then the database. An update writes the database, drops the Redis copy and
/// broadcasts the key over lesson 11's <see cref="CacheInvalidationBus"/>, so every instance drops its memory copy.
/// Redis calls go through <see cref="RedisGuard"/>. Reads fail open: while Redis is unavailable a product comes from
/// memory, else straight from the database (the source of truth). An update whose invalidation cannot reach Redis is
/// saved but answered 503, since other instances may keep the old copy until its TTL: the PUT is safe to repeat.
/// An id the database does not have is remembered as absent in memory for <see cref="ShopOptions.ProductNegativeTtl"/>
/// (at most <see cref="MaxAbsentIds"/> ids, so a flood of made-up ids cannot grow it without bound); creating the
/// product drops that memory here and, through the same broadcast as an update, on every instance.
/// </summary>
public sealed class ProductCatalog : IDisposable
{
    public const string InvalidationChannel = "shop:catalog:invalidations";

    /// <summary>The most unknown ids one instance remembers as absent at a time.</summary>
    public const int MaxAbsentIds = 10_000;

    private readonly ShopBackends _backends;
    private readonly IServiceScopeFactory _scopes;
    private readonly ShopOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly MemoryCache _local = new(new MemoryCacheOptions());
    private readonly MemoryCache _absent = new(new MemoryCacheOptions { SizeLimit = MaxAbsentIds });
    private readonly Lock _gate = new();
    private readonly RedisGuard _guard;
    private StampedeProtectedCache? _cache;
    private CacheInvalidationBus? _bus;
    private long _localHits;
    private long _absentHits;
    private long _directLoads;

    public ProductCatalog(ShopBackends backends, IServiceScopeFactory scopes, IOptions<ShopOptions> options, ILoggerFactory loggers, RedisGuard guard)
    {
        _guard = guard;
        _backends = backends;
        _scopes = scopes;
        _options = options.Value;
        _loggers = loggers;
    }

    /// <summary>Hit and miss counts since this instance started.</summary>
    public CacheStats Stats
    {
        get
        {
            var cache = Cache;
            return new CacheStats(Interlocked.Read(ref _localHits), cache.Hits, cache.Misses + Interlocked.Read(ref _directLoads), Interlocked.Read(ref _absentHits));
        }
    }

    private StampedeProtectedCache Cache
    {
        get
        {
            lock (_gate)
            {
                return _cache ??= new StampedeProtectedCache(_backends.Database, json: WorkbookJson.Options);
            }
        }
    }

    private CacheInvalidationBus Bus
    {
        get
        {
            lock (_gate)
            {
                return _bus ??= new CacheInvalidationBus(
                    _backends.Redis.GetSubscriber(),
                    _backends.Channel(InvalidationChannel),
                    _loggers.CreateLogger<CacheInvalidationBus>());
            }
        }
    }

    /// <summary>Starts dropping this instance's memory copies when any instance announces a change.</summary>
    public Task<IAsyncDisposable> ListenAsync() => Bus.SubscribeAsync(key =>
    {
        _local.Remove(key);
        _absent.Remove(key);
        return Task.CompletedTask;
    });

    /// <summary>The product, or null when there is none with that id.</summary>
    public Task<ProductView?> GetAsync(string id, CancellationToken cancellationToken) => GetAsync(id, trustAbsence: true, cancellationToken);

    /// <summary>
    /// The product, or null when there is none with that id. With <paramref name="trustAbsence"/> false an id remembered
    /// as unknown is looked up again: for a product an accepted order names, which exists whatever this instance remembers.
    /// </summary>
    public async Task<ProductView?> GetAsync(string id, bool trustAbsence, CancellationToken cancellationToken)
    {
        var key = CacheKey(id);
        if (_local.TryGetValue(key, out ProductView? local) && local is not null)
        {
            Interlocked.Increment(ref _localHits);
            return local;
        }

        if (trustAbsence && _absent.TryGetValue(key, out _))
        {
            Interlocked.Increment(ref _absentHits);
            return null;
        }

        ProductView? product;
        try
        {
            product = await _guard.ReadAsync(token => Cache.GetOrLoadAsync(key, load => LoadAsync(id, load), _options.ProductCacheTtl, token), cancellationToken);
        }
        catch (RedisUnavailableException) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _directLoads);
            product = await LoadAsync(id, cancellationToken);
        }

        if (product is not null)
        {
            _local.Set(key, product, _options.ProductLocalTtl);
        }
        else
        {
            _absent.Set(key, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.ProductNegativeTtl, Size = 1 });
        }

        return product;
    }

    /// <summary>Every product, straight from the database (a listing is not worth caching per page here).</summary>
    public async Task<IReadOnlyList<ProductView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. products.Select(p => new ProductView(p.Id, p.Name, p.Price))];
    }

    /// <summary>Adds a product; null when one with that id exists already. Every instance forgets the id was unknown.</summary>
    public async Task<ProductView?> CreateAsync(string id, string name, decimal price, CancellationToken cancellationToken)
    {
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            if (await db.Products.AnyAsync(p => p.Id == id, cancellationToken))
            {
                return null;
            }

            db.Products.Add(new Product { Id = id, Name = name, Price = price });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await db.Products.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return null; // created at the same moment by another request
                }

                throw;
            }
        }

        await DropCopiesAsync(id);
        return new ProductView(id, name, price);
    }

    /// <summary>Changes the product; returns it as stored, or null when there is none with that id.</summary>
    public async Task<ProductView?> UpdateAsync(string id, string? name, decimal? price, CancellationToken cancellationToken)
    {
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (product is null)
            {
                return null;
            }

            product.Name = name ?? product.Name;
            product.Price = price ?? product.Price;
            await db.SaveChangesAsync(cancellationToken);
        }

        await DropCopiesAsync(id);
        return await GetAsync(id, cancellationToken);
    }

    // Here, in Redis, and (by the broadcast) in every instance's memory: the product's copy and its absence.
    private async Task DropCopiesAsync(string id)
    {
        var key = CacheKey(id);
        _local.Remove(key);
        _absent.Remove(key);
        try
        {
            await _guard.RunAsync(_ => Cache.InvalidateAsync(key));
            await _guard.RunAsync(_ => Bus.PublishAsync(key));
        }
        catch (RedisUnavailableException error)
        {
            throw new RedisUnavailableException(error.InnerException!, $"The change to '{id}' is saved, but cached copies could not be dropped; repeat the request when Redis is back.");
        }
    }

    public void Dispose()
    {
        _local.Dispose();
        _absent.Dispose();
    }

    private async Task<ProductView?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? null : new ProductView(product.Id, product.Name, product.Price);
    }

    private static string CacheKey(string id) => $"product:{id}";
}

/// <summary>
/// The catalog cache's counters: memory hits, Redis hits, misses that went to the database, and lookups of an id
/// remembered as absent (answered from memory: a hit for the hit rate).
/// </summary>
public sealed record CacheStats(long LocalHits, long RedisHits, long Misses, long AbsentHits = 0)
{
    public double HitRate => LocalHits + RedisHits + AbsentHits + Misses == 0 ? 0 : (double)(LocalHits + RedisHits + AbsentHits) / (LocalHits + RedisHits + AbsentHits + Misses);
}

/// <summary>Subscribes the catalog to invalidations while the host runs.</summary>
internal sealed class CatalogInvalidationListener(ProductCatalog catalog) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) => _subscription = await catalog.ListenAsync();

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
