using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Workbook.Infrastructure.Kafka;

/// <summary>
/// librdkafka's built-in mock cluster, started in this process: real Kafka protocol over loopback TCP, no JVM, no Docker.
/// Not Apache Kafka: no CreateTopics admin API (use <see cref="CreateTopic"/>), and read_committed consumers still see
/// aborted transactional records. Fault injection (<see cref="SetBrokerDown"/>) makes outage tests possible.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private const int ConfOk = 0;
    private readonly object _gate = new();
    private nint _handle;
    private nint _cluster;

    private MockKafkaCluster(nint handle, nint cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.MockClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        LibrdkafkaVersion = Marshal.PtrToStringUTF8(LibrdkafkaNative.VersionString()) ?? "unknown";
    }

    /// <summary>Comma-separated loopback addresses of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    public string LibrdkafkaVersion { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers (ids 1..n).</summary>
    /// <param name="brokers">How many brokers; at least 1.</param>
    /// <param name="initialRebalanceDelay">How long a new group waits for more members before its first assignment (the mock's default is 3 s).</param>
    public static MockKafkaCluster Start(int brokers = 3, TimeSpan? initialRebalanceDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        LibrdkafkaNative.EnsureLoaded();
        var errors = new byte[512];
        var conf = LibrdkafkaNative.ConfNew();
        // Only errors: the handle has no bootstrap servers of its own and would warn about it.
        if (LibrdkafkaNative.ConfSet(conf, "log_level", "3", errors, (nuint)errors.Length) != ConfOk)
        {
            throw new InvalidOperationException("librdkafka rejected log_level: " + Text(errors));
        }

        var handle = LibrdkafkaNative.New(ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == 0)
        {
            throw new InvalidOperationException("librdkafka could not create a handle for the mock cluster: " + Text(errors));
        }

        var cluster = LibrdkafkaNative.MockClusterNew(handle, brokers);
        if (cluster == 0)
        {
            LibrdkafkaNative.Destroy(handle);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }

        LibrdkafkaNative.MockGroupInitialRebalanceDelayMs(cluster, (int)(initialRebalanceDelay ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds);
        return new MockKafkaCluster(handle, cluster, brokers);
    }

    /// <summary>Creates a topic (the mock has no CreateTopics admin API).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, Brokers);
        Check(LibrdkafkaNative.MockTopicCreate(Cluster, topic, partitions, replicationFactor), $"create topic {topic}");
    }

    /// <summary>Disconnects a broker and refuses new connections; leadership does not move.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaNative.MockBrokerSetDown(Cluster, brokerId), $"set broker {brokerId} down");

    /// <summary>Lets a broker accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaNative.MockBrokerSetUp(Cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>
    /// Delays every response of a broker by <paramref name="roundTripTime"/> (0 for none): a broker that is up and
    /// accepts connections but does not answer in time.
    /// </summary>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan roundTripTime) =>
        Check(LibrdkafkaNative.MockBrokerSetRtt(Cluster, brokerId, (int)roundTripTime.TotalMilliseconds), $"set the round-trip time of broker {brokerId}");

    /// <summary>
    /// Makes the next requests of one kind (<paramref name="apiKey"/>, e.g. 24 for AddPartitionsToTxn), from any client to
    /// any broker of the cluster, fail with <paramref name="errors"/>, one error per request, in order. Cluster-wide: only
    /// for a test that runs alone.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors) =>
        LibrdkafkaNative.MockPushRequestErrors(Cluster, apiKey, (nuint)errors.Length, [.. errors.Select(e => (int)e)]);

    /// <summary>Drops the errors <see cref="PushRequestErrors"/> left for requests of this kind that were not sent.</summary>
    public void ClearRequestErrors(short apiKey) => LibrdkafkaNative.MockClearRequestErrors(Cluster, apiKey);

    /// <summary>Makes <paramref name="brokerId"/> the leader of one partition.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibrdkafkaNative.MockPartitionSetLeader(Cluster, topic, partition, brokerId), $"move {topic}[{partition}] to broker {brokerId}");

    /// <summary>Makes <paramref name="brokerId"/> the coordinator of a consumer group.</summary>
    public void SetGroupCoordinator(string groupId, int brokerId) =>
        Check(LibrdkafkaNative.MockCoordinatorSet(Cluster, "group", groupId, brokerId), $"set coordinator of group {groupId}");

    /// <summary>Makes <paramref name="brokerId"/> the transaction coordinator of a <c>transactional.id</c>.</summary>
    public void SetTransactionCoordinator(string transactionalId, int brokerId) =>
        Check(LibrdkafkaNative.MockCoordinatorSet(Cluster, "transaction", transactionalId, brokerId), $"set coordinator of transactional id {transactionalId}");

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                LibrdkafkaNative.MockClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                LibrdkafkaNative.Destroy(_handle);
                _handle = 0;
            }
        }
    }

    private nint Cluster => _cluster != 0 ? _cluster : throw new ObjectDisposedException(nameof(MockKafkaCluster));

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"Mock cluster could not {what}: {LibrdkafkaNative.Describe(error)}.");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
