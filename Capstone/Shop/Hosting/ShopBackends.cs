using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;
using Workbook.Contracts;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Kafka;
using Workbook.Infrastructure.Redis;

namespace Workbook.Shop.Hosting;

/// <summary>
/// Where the shop's Redis and Kafka are. Started once, before anything else, by <see cref="BackendStarter"/>:
/// from <see cref="ShopOptions.Redis"/>/<see cref="ShopOptions.Kafka"/> when set, else from the workbook's backend chain
/// (<see cref="RedisBackend"/>, whose last step is Garnet in this process, and <see cref="KafkaBackend"/>), so the shop
/// runs on the .NET SDK alone. A Redis the chain starts (embedded redis-server or Garnet) keeps its data with an
/// append-only file beside the database (<see cref="ShopOptions.RedisDataDirectory"/>), so carts, analytics, stock,
/// points and idempotency markers survive a restart. Tests register an instance made from their fixtures instead.
/// </summary>
public sealed class ShopBackends : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private IConnectionMultiplexer? _redis;
    private KafkaOptions? _kafka;
    private IDatabase? _database;
    private string _keyPrefix = string.Empty;

    /// <summary>An instance that <see cref="StartAsync"/> fills.</summary>
    public ShopBackends()
    {
    }

    /// <summary>Backends that already run (tests): the shop uses them and never disposes them.</summary>
    public ShopBackends(IConnectionMultiplexer redis, KafkaOptions kafka, KafkaBackend? kafkaBackend = null, string keyPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(kafka);
        Use(redis, kafka, kafkaBackend, keyPrefix);
        RedisDescription = "Redis: given by the host";
        KafkaDescription = kafkaBackend?.Description ?? $"Kafka: given by the host at {kafka.BootstrapServers}";
    }

    public bool IsStarted => _redis is not null;

    public IConnectionMultiplexer Redis => _redis ?? throw NotStarted();

    /// <summary>The shop's Redis database: every key carries <see cref="ShopOptions.KeyPrefix"/>.</summary>
    public IDatabase Database => _database ?? throw NotStarted();

    public KafkaOptions Kafka => _kafka ?? throw NotStarted();

    /// <summary>The Kafka backend when the shop (or its test) owns one; it can create topics and, on the mock, inject faults.</summary>
    public KafkaBackend? KafkaBackend { get; private set; }

    /// <summary>
    /// True when the shop started librdkafka's mock cluster itself: its topics began empty with this process, so nothing
    /// published before the last stop is on them (see <see cref="Data.OutboxReplay"/>).
    /// </summary>
    public bool KafkaStartedEmpty { get; private set; }

    public string RedisDescription { get; private set; } = string.Empty;

    public string KafkaDescription { get; private set; } = string.Empty;

    /// <summary>A Pub/Sub channel name with the key prefix (channels are not key-prefixed by StackExchange.Redis).</summary>
    public string Channel(string name) => _keyPrefix + name;

    /// <summary>Connects to Redis and Kafka as configured; does nothing when already started.</summary>
    public async Task StartAsync(ShopOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsStarted)
        {
            return;
        }

        IConnectionMultiplexer redis;
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            var persistence = new RedisPersistence(options.RedisDataDirectory());
            var backend = await RedisBackend.StartAsync(GarnetRedis.Persistent(persistence), persistence, logger, cancellationToken);
            _owned.Add(backend);
            var connection = await backend.ConnectAsync();
            _owned.Insert(0, connection);
            redis = connection;
            RedisDescription = backend.Description;
        }
        else
        {
            var configuration = ConfigurationOptions.Parse(options.Redis);
            configuration.AbortOnConnectFail = false;
            var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
            if (!connection.IsConnected)
            {
                // Without this the shop would start and fail its first request; the endpoints only, never a password.
                await connection.DisposeAsync();
                throw new BackendUnavailableException(
                    $"Redis at {string.Join(", ", configuration.EndPoints.Select(EndPointText))} (Shop:Redis) did not answer within {configuration.ConnectTimeout} ms.");
            }

            _owned.Add(connection);
            redis = connection;
            RedisDescription = "Redis: from Shop:Redis";
        }

        KafkaOptions kafka;
        KafkaBackend? kafkaBackend = null;
        if (string.IsNullOrWhiteSpace(options.Kafka))
        {
            kafkaBackend = await KafkaBackend.StartAsync(logger, cancellationToken);
            _owned.Add(kafkaBackend);
            kafka = kafkaBackend.Options(options.TopicPrefix);
            KafkaDescription = kafkaBackend.Description;
            KafkaStartedEmpty = kafkaBackend.Kind == Infrastructure.Backends.BackendKind.Embedded;
        }
        else
        {
            kafka = new KafkaOptions { BootstrapServers = options.Kafka, TopicPrefix = options.TopicPrefix };
            KafkaDescription = $"Kafka: from Shop:Kafka at {options.Kafka}";
        }

        Use(redis, kafka, kafkaBackend, options.KeyPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        _owned.Clear();
    }

    private void Use(IConnectionMultiplexer redis, KafkaOptions kafka, KafkaBackend? kafkaBackend, string keyPrefix)
    {
        _keyPrefix = keyPrefix;
        _database = keyPrefix.Length == 0 ? redis.GetDatabase() : redis.GetDatabase().WithKeyPrefix(keyPrefix);
        _kafka = WithDeliveryTimeout(kafka);
        KafkaBackend = kafkaBackend;
        _redis = redis;
    }

    /// <summary>
    /// Bounds how long a producer keeps an undelivered record (librdkafka's default is 5 minutes): a dead letter written
    /// while Kafka is down then fails after 30 s instead of holding a consumer — and the host's shutdown — for minutes.
    /// A setting already given is kept. Only producers get it: a consumer given it logs a warning about a producer property.
    /// </summary>
    private static KafkaOptions WithDeliveryTimeout(KafkaOptions kafka) =>
        kafka.ClientSettings.ContainsKey(DeliveryTimeoutSetting) || kafka.ProducerSettings.ContainsKey(DeliveryTimeoutSetting)
            ? kafka
            : kafka with { ProducerSettings = new Dictionary<string, string>(kafka.ProducerSettings) { [DeliveryTimeoutSetting] = "30000" } };

    private static string EndPointText(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };

    private const string DeliveryTimeoutSetting = "message.timeout.ms";

    private static InvalidOperationException NotStarted() =>
        new("The shop's backends are not started yet (BackendStarter runs first when the host starts).");
}

/// <summary>Starts <see cref="ShopBackends"/> before every other hosted service (it is registered first).</summary>
internal sealed class BackendStarter(ShopBackends backends, IOptions<ShopOptions> options, ILogger<BackendStarter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => backends.StartAsync(options.Value, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
