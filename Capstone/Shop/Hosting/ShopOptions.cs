using System.ComponentModel.DataAnnotations;
using Workbook.Shop.Data;

namespace Workbook.Shop.Hosting;

/// <summary>The shop's settings (section <c>Shop</c>), validated when the host starts.</summary>
public sealed class ShopOptions
{
    public const string Section = "Shop";

    /// <summary>Prepended to every Redis key and Pub/Sub channel the shop uses; lets tests (or tenants) share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9:._{}-]*$", ErrorMessage = "Shop:KeyPrefix may only hold letters, digits and : . _ - { }.")]
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>Prepended to every Kafka topic and consumer group.</summary>
    [RegularExpression("^[A-Za-z0-9._-]*$", ErrorMessage = "Shop:TopicPrefix may only hold letters, digits and . _ -.")]
    public string TopicPrefix { get; set; } = string.Empty;

    /// <summary>A StackExchange.Redis connection string; when empty the workbook's backend chain picks one (WORKBOOK_REDIS, Docker, embedded).</summary>
    public string? Redis { get; set; }

    /// <summary>Kafka bootstrap servers; when empty the workbook's backend chain picks one (WORKBOOK_KAFKA, Docker, librdkafka's mock).</summary>
    public string? Kafka { get; set; }

    /// <summary>The SQLite file used when there is no <c>ConnectionStrings:Shop</c> (PostgreSQL).</summary>
    [Required]
    public string SqlitePath { get; set; } = "shop.db";

    /// <summary>
    /// Where a Redis the shop starts itself (no <see cref="Redis"/>: embedded redis-server or Garnet) keeps its
    /// append-only file: beside the SQLite file, named after it (<c>shop.db</c> → <c>shop.redis/</c>), so one data folder
    /// holds the whole shop and a restart on it finds the carts again.
    /// </summary>
    public string RedisDataDirectory()
    {
        var database = Path.GetFullPath(SqlitePath);
        return Path.Combine(Path.GetDirectoryName(database) ?? ".", Path.GetFileNameWithoutExtension(database) + ".redis");
    }

    /// <summary>The largest request body accepted, in bytes; larger bodies get 413.</summary>
    [Range(1, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests one user may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The sliding window of the rate limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many rate-limit buckets anonymous requests share: each client address (IPv6 by its /64) is hashed into one,
    /// so a flood from any number of addresses leaves at most this many keys in Redis.
    /// </summary>
    [Range(1, 16 * 1024 * 1024)]
    public int RateLimitAnonymousBuckets { get; set; } = 65_536;

    /// <summary>How long a product stays in the Redis cache.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ProductCacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a product stays in an instance's own memory; Pub/Sub drops it earlier when it changes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ProductLocalTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an instance remembers that a product id does not exist, so repeated lookups of it skip the database.
    /// Creating the product drops the memory of it on every instance at once (Pub/Sub), not only after this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ProductNegativeTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A cart untouched this long is gone; every cart operation starts it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan CartTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The longest one Redis call of the API may take (<c>RedisGuard</c>); then the request fails open as that endpoint
    /// documents. StackExchange.Redis's own timeout (5 s) is too long for a request to wait on a paused server.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan RedisCallTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long Redis calls fail at once after the circuit opened, before one trial call; also the 503's Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan RedisBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the workers role runs the order consumers (the outbox relay runs regardless).</summary>
    public bool RunConsumers { get; set; } = true;

    /// <summary>How often the e-mail, SMS and analytics consumers try an order before it goes to <c>orders.dlq</c>.</summary>
    [Range(1, 100)]
    public int ConsumerMaxAttempts { get; set; } = 3;

    /// <summary>
    /// How many outbox rows the relay publishes at once: all in flight together, stamped in one commit. Larger batches
    /// drain a backlog faster; a failed send in a batch only leaves its own row for the next try.
    /// </summary>
    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 500;

    /// <summary>How often the outbox backlog, consumer lag and dead-letter count are sampled for metrics and the dashboard.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the dashboard (<c>GET /dashboard/events</c>) sends a snapshot; orders per second is the change over this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan DashboardInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Starts the shopper simulator with <see cref="SimulatedShoppers"/> when the host has started (<c>--simulate</c>).</summary>
    public bool Simulate { get; set; }

    /// <summary>How many virtual shoppers <c>--simulate</c> starts.</summary>
    [Range(1, 500)]
    public int SimulatedShoppers { get; set; } = 20;

    /// <summary>A virtual shopper's mean pause before each request (each pause is 0.5 to 1.5 times this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan SimulatedThinkTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many demo products (P1…Pn) to seed into an empty database: P1…P8 are the named demo catalog, P9 onwards are
    /// generated. Load tests raise it, since a skewed (Zipf) popularity needs a catalog of thousands to mean anything.
    /// </summary>
    [Range(DemoCatalog.NamedCount, DemoCatalog.MaxCount, ErrorMessage = "Shop:DemoProducts must be 8 to 100000.")]
    public int DemoProducts { get; set; } = DemoCatalog.NamedCount;

    /// <summary>Makes the default (logging) e-mail sender fail every send, to watch retries and the dead-letter topic.</summary>
    public bool FailEmail { get; set; }

    /// <summary>Makes the default (logging) SMS sender fail every send, to watch retries and the dead-letter topic.</summary>
    public bool FailSms { get; set; }
}
