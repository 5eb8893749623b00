using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.Kafka;
using Workbook.Contracts;
using Workbook.Infrastructure.Backends;

namespace Workbook.Infrastructure.Kafka;

/// <summary>
/// A Kafka for one run, found through the backend chain: WORKBOOK_KAFKA, then Docker (Testcontainers, Apache Kafka),
/// then librdkafka's in-process mock cluster. Disposing it stops what it started.
/// </summary>
public sealed class KafkaBackend : IAsyncDisposable
{
    /// <summary>The image Testcontainers starts when Docker answers.</summary>
    public const string KafkaImage = "apache/kafka:3.9.1";

    private readonly IAsyncDisposable? _container;

    private KafkaBackend(BackendKind kind, string bootstrapServers, string description, MockKafkaCluster? mock, IAsyncDisposable? container)
    {
        Kind = kind;
        BootstrapServers = bootstrapServers;
        Description = description;
        Mock = mock;
        _container = container;
    }

    public BackendKind Kind { get; }

    public string BootstrapServers { get; }

    /// <summary>One plain sentence saying which Kafka this is.</summary>
    public string Description { get; }

    /// <summary>The mock cluster, for fault injection; null on a real broker.</summary>
    public MockKafkaCluster? Mock { get; }

    /// <summary>True when this is librdkafka's mock cluster rather than Apache Kafka.</summary>
    public bool IsMock => Mock is not null;

    /// <summary>
    /// Consumer settings for this backend. A restarted member gets partitions only once the old member's session is
    /// over (on the mock even after a clean Close: it waits <c>session.timeout.ms</c> − 1 s), and the default session
    /// is 45 s, so sessions are short: 3 s on the mock, 6 s (the broker's minimum) on Apache Kafka. The mock also
    /// needs <c>fetch.queue.backoff.ms=0</c>, or consumers pause for seconds between fetches.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConsumerSettings => IsMock
        ? MockConsumerSettings
        : new Dictionary<string, string>
        {
            ["session.timeout.ms"] = "6000",
            ["heartbeat.interval.ms"] = "1000",
        };

    /// <summary>The mock's <see cref="ConsumerSettings"/>, also for a test that starts its own mock cluster.</summary>
    public static IReadOnlyDictionary<string, string> MockConsumerSettings => new Dictionary<string, string>
    {
        ["fetch.queue.backoff.ms"] = "0",
        ["session.timeout.ms"] = "3000",
        ["heartbeat.interval.ms"] = "500",
    };

    public static async Task<KafkaBackend> StartAsync(ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var external = WorkbookEnvironment.Kafka;
        var docker = string.IsNullOrWhiteSpace(external) && await DockerProbe.EngineAnswersAsync(cancellationToken);
        var backend = BackendSelector.ChooseKafka(external, docker) switch
        {
            BackendKind.External => new KafkaBackend(BackendKind.External, external!, $"Kafka: external cluster from {WorkbookEnvironment.KafkaVariable} ({external})", null, null),
            BackendKind.Docker => await StartContainerAsync(cancellationToken),
            _ => StartMock(),
        };
        logger.LogInformation("{Backend}", backend.Description);
        return backend;
    }

    /// <summary>Options for the lessons on this backend, with a topic/group prefix.</summary>
    public KafkaOptions Options(string topicPrefix = "") => new()
    {
        BootstrapServers = BootstrapServers,
        TopicPrefix = topicPrefix,
        ConsumerSettings = ConsumerSettings,
    };

    /// <summary>
    /// Creates a topic: through the Admin API on a real broker, through the mock API on the mock (which has no
    /// CreateTopics). An existing topic is left as it is.
    /// </summary>
    public async Task CreateTopicAsync(string topic, int partitions, int replicationFactor = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (Mock is not null)
        {
            Mock.CreateTopic(topic, partitions, Math.Min(replicationFactor, Mock.Brokers));
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = (short)replicationFactor }],
                new CreateTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30) });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Already there: fine for a rerun.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public async ValueTask DisposeAsync()
    {
        Mock?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static async Task<KafkaBackend> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new KafkaBuilder(KafkaImage).Build();
        await container.StartAsync(cancellationToken);
        var bootstrap = container.GetBootstrapAddress();
        return new KafkaBackend(BackendKind.Docker, bootstrap, $"Kafka: Docker container {KafkaImage} (Apache Kafka) via Testcontainers at {bootstrap}", null, container);
    }

    private static KafkaBackend StartMock()
    {
        var mock = MockKafkaCluster.Start(brokers: 3);
        var description =
            $"Kafka: librdkafka {mock.LibrdkafkaVersion} mock cluster, {mock.Brokers} brokers in this process at {mock.BootstrapServers}. " +
            "It speaks the Kafka protocol but is NOT Apache Kafka; for a real broker start Docker or set WORKBOOK_KAFKA=host:9092.";
        return new KafkaBackend(BackendKind.Embedded, mock.BootstrapServers, description, mock, null);
    }
}
