using BenchmarkDotNet.Attributes;
using Confluent.Kafka;

namespace Workbook.Benchmarks.Kafka;

/// <summary>
/// B4, producer side: a bare Confluent.Kafka <c>Produce</c> loop of 100-byte messages, then <c>Flush</c> (so every
/// message counted is acknowledged), under each <see cref="ProducerProfile"/>.
/// </summary>
public class ProducerThroughputBenchmarks : KafkaSuite
{
    public const int Messages = 100_000;

    private IProducer<Null, byte[]> _producer = null!;
    private string _topic = null!;

    [ParamsAllValues]
    public ProducerProfile Profile { get; set; }

    protected override async Task SetupAsync()
    {
        _topic = Prefix + "raw";
        await Backend.CreateTopicAsync(_topic, Partitions);
        _producer = BareProducer.Build(Options(ProducerProfiles.Settings(Profile)));
    }

    protected override void Cleanup() => _producer?.Dispose();

    [Benchmark(OperationsPerInvoke = Messages, Description = "bare Produce loop + Flush")]
    public void Bare() => BareProducer.ProduceAll(_producer, _topic, Payloads, Messages);
}
