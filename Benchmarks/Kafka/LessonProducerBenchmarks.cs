using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Workbook.Contracts.Orders;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Kafka;

/// <summary>
/// B4 through the lesson producers. Their methods await the broker's acknowledgement; a caller that wants
/// throughput starts many sends and awaits them together (<c>Task.WhenAll</c>), so librdkafka can batch them.
/// The bare <c>Produce</c> loop with the same settings is the baseline.
/// </summary>
public class LessonProducerBenchmarks : KafkaSuite
{
    public const int Messages = 100_000;

    private static readonly Order[] Orders = Enumerable.Range(0, 1024)
        .Select(i => new Order($"order-{i}", $"user-{i % 97}", $"u{i % 97}@example.com", [new OrderItem($"P{i % 13}", 1 + (i % 3))], 10m + (i % 50)))
        .ToArray();

    private IProducer<Null, byte[]> _bare = null!;
    private LogProducer _logs = null!;
    private OrderProducer _orders = null!;
    private string _rawTopic = null!;

    [Params(ProducerProfile.LessonDefaults, ProducerProfile.Batched)]
    public ProducerProfile Profile { get; set; }

    protected override async Task SetupAsync()
    {
        _rawTopic = Prefix + "raw";
        await Backend.CreateTopicAsync(_rawTopic, Partitions);
        await Backend.CreateTopicAsync(Prefix + LogProducer.TopicName, Partitions);
        await Backend.CreateTopicAsync(Prefix + OrderProducer.TopicName, Partitions);
        var options = Options(ProducerProfiles.Settings(Profile));
        _bare = BareProducer.Build(options);
        _logs = new LogProducer(options);
        _orders = new OrderProducer(options);
    }

    protected override void Cleanup()
    {
        _bare?.Dispose();
        _logs?.Dispose();
        _orders?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "bare Produce loop + Flush")]
    public void Bare() => BareProducer.ProduceAll(_bare, _rawTopic, Payloads, Messages);

    [Benchmark(OperationsPerInvoke = Messages, Description = "lesson 04 SendLogAsync, all in flight, WhenAll")]
    public Task LogProducerInFlight()
    {
        var sends = new Task[Messages];
        for (var i = 0; i < Messages; i++)
        {
            sends[i] = _logs.SendLogAsync("INFO", LogMessages[i % LogMessages.Length]);
        }

        return Task.WhenAll(sends);
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "lesson 07 CreateOrderAsync, all in flight, WhenAll")]
    public Task OrderProducerInFlight()
    {
        var sends = new Task[Messages];
        for (var i = 0; i < Messages; i++)
        {
            sends[i] = _orders.CreateOrderAsync(Orders[i % Orders.Length]);
        }

        return Task.WhenAll(sends);
    }
}
