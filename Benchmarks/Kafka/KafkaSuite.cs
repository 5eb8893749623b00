using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Workbook.Benchmarks.Support;
using Workbook.Contracts;
using Workbook.Infrastructure.Kafka;

namespace Workbook.Benchmarks.Kafka;

/// <summary>
/// What every Kafka suite shares: a backend for the run (librdkafka's in-process mock cluster unless Docker or
/// WORKBOOK_KAFKA give a real one), its own topic prefix, and 100-byte payloads that look like log lines (so that
/// compression has something realistic to work on, unlike random bytes).
/// </summary>
public abstract class KafkaSuite
{
    /// <summary>Partitions of every benchmark topic (the mock keeps at most 5 MiB per partition).</summary>
    public const int Partitions = 6;

    /// <summary>Size of every raw message value, in bytes.</summary>
    public const int MessageBytes = 100;

    private KafkaBackend? _backend;

    protected KafkaBackend Backend => _backend ?? throw new InvalidOperationException("GlobalSetup has not run.");

    protected string Prefix { get; } = $"bench-{Guid.NewGuid():N}.";

    /// <summary>1,024 distinct 100-byte values.</summary>
    protected static byte[][] Payloads { get; } = Enumerable.Range(0, 1024).Select(Payload).ToArray();

    /// <summary>Log messages whose lesson-04 JSON entry is about 100 bytes.</summary>
    protected static string[] LogMessages { get; } = Enumerable.Range(0, 1024).Select(i => $"user {i % 97} checkout ok in {i % 50} ms").ToArray();

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        _backend = await KafkaBackend.StartAsync();
        BackendLog.Record(_backend.Description);
        await SetupAsync();
    }

    [GlobalCleanup]
    public async Task GlobalCleanupAsync()
    {
        Cleanup();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    /// <summary>Options for the lessons, with extra librdkafka settings for every client.</summary>
    protected KafkaOptions Options(IReadOnlyDictionary<string, string>? clientSettings = null) => Backend.Options(Prefix) with
    {
        ClientSettings = clientSettings ?? new Dictionary<string, string>(),
    };

    protected abstract Task SetupAsync();

    protected virtual void Cleanup()
    {
    }

    /// <summary>The size of a lesson-04 entry on the wire, for the report.</summary>
    public static int LogEntryBytes => JsonSerializer.SerializeToUtf8Bytes(new LogEntry("INFO", LogMessages[0], DateTimeOffset.UtcNow), WorkbookJson.Options).Length;

    private static byte[] Payload(int i)
    {
        var text = $"{{\"level\":\"INFO\",\"service\":\"checkout\",\"user\":{i % 97},\"latency_ms\":{i % 50},\"seq\":{i:D6}}}";
        return Encoding.ASCII.GetBytes(text.PadRight(MessageBytes, ' ')[..MessageBytes]);
    }
}
