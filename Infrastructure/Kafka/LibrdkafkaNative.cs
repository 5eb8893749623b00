using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbook.Infrastructure.Kafka;

/// <summary>
/// The few librdkafka C functions Confluent.Kafka does not wrap: creating a handle and driving the built-in mock cluster.
/// They resolve to the same native library Confluent.Kafka ships (librdkafka.redist), chosen per OS and architecture by
/// <see cref="LibrdkafkaLocator"/>, including its fallback to <c>centos8-librdkafka.so</c> where the default build
/// cannot load (Debian 12 lacks libsasl2.so.3).
/// </summary>
internal static partial class LibrdkafkaNative
{
    private const string Library = "librdkafka";

    static LibrdkafkaNative() => NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, Resolve);

    /// <summary>Forces the resolver to be registered before the first call.</summary>
    internal static void EnsureLoaded() => _ = Handle.Value;

    internal static readonly Lazy<nint> Handle = new(LoadLibrdkafka);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint MockClusterNew(nint rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint MockClusterBootstraps(nint cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int MockBrokerSetDown(nint cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int MockBrokerSetUp(nint cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial int MockBrokerSetRtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockPartitionSetLeader(nint cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_coordinator_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockCoordinatorSet(nint cluster, string keyType, string key, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrors(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    internal static partial void MockClearRequestErrors(nint cluster, short apiKey);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(nint cluster, int delayMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial nint ErrorToString(int error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_version_str")]
    internal static partial nint VersionString();

    internal static string Describe(int error) => Marshal.PtrToStringUTF8(ErrorToString(error)) ?? $"error {error}";

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? Handle.Value : 0;

    private static nint LoadLibrdkafka()
    {
        var folders = new[]
        {
            AppContext.BaseDirectory,
            Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? AppContext.BaseDirectory,
        };
        var tried = new List<string>();
        nint handle = 0;
        var chosen = LibrdkafkaLocator.Choose(
            LibrdkafkaLocator.CurrentOs,
            RuntimeInformation.ProcessArchitecture,
            folders,
            candidate => File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle),
            tried);
        return chosen is not null
            ? handle
            : throw new DllNotFoundException(
                "Could not load librdkafka from the librdkafka.redist package (tried " + string.Join(", ", tried) + "). " +
                "On Linux the default build needs libsasl2.so.3; the centos8 build is the fallback.");
    }
}
