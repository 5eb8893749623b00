using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Workbook.Contracts.Orders;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Kafka;

/// <summary>
/// One caller that awaits every acknowledgement before sending the next message, the way the lesson methods read
/// when called in a plain loop: throughput is 1 / (linger.ms + round trip), whatever the client.
/// </summary>
public class AwaitEachProducerBenchmarks : KafkaSuite
{
    public const int Messages = 100;

    private static readonly Order Order = new("order-1", "user-1", "u1@example.com", [new OrderItem("P1", 1)], 10m);

    private IProducer<Null, byte[]> _bare = null!;
    private LogProducer _logs = null!;
    private OrderProducer _orders = null!;
    private string _rawTopic = null!;

    protected override async Task SetupAsync()
    {
        _rawTopic = Prefix + "raw";
        await Backend.CreateTopicAsync(_rawTopic, Partitions);
        await Backend.CreateTopicAsync(Prefix + LogProducer.TopicName, Partitions);
        await Backend.CreateTopicAsync(Prefix + OrderProducer.TopicName, Partitions);
        var options = Options(ProducerProfiles.Settings(ProducerProfile.LessonDefaults));
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "bare await ProduceAsync, one at a time")]
    public async Task Bare()
    {
        for (var i = 0; i < Messages; i++)
        {
            await _bare.ProduceAsync(_rawTopic, new Message<Null, byte[]> { Value = Payloads[i % Payloads.Length] });
        }
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "lesson 04 await SendLogAsync, one at a time")]
    public async Task LogProducerAwaitEach()
    {
        for (var i = 0; i < Messages; i++)
        {
            await _logs.SendLogAsync("INFO", LogMessages[i % LogMessages.Length]);
        }
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "lesson 07 await CreateOrderAsync, one at a time")]
    public async Task OrderProducerAwaitEach()
    {
        for (var i = 0; i < Messages; i++)
        {
            await _orders.CreateOrderAsync(Order);
        }
    }
}
