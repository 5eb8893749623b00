using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Workbook.Contracts;
using Workbook.Lessons;

namespace Workbook.Benchmarks.Kafka;

/// <summary>
/// B4, consumer side: read 100,000 of 200,000 lesson-04 log entries (about 100 bytes of JSON each) from the beginning of a
/// prefilled topic. Bare: a Confluent consumer with assigned partitions (no group), counting records. Lesson:
/// <see cref="LogConsumer.ConsumeAsync"/>, which also parses every entry and stores its offset; its group join
/// happens in the iteration setup (one entry read there), so only the reading is measured.
/// </summary>
[InvocationCount(1)]
public class ConsumerThroughputBenchmarks : KafkaSuite
{
    public const int Messages = 100_000;

    /// <summary>
    /// Twice what one invocation reads: BenchmarkDotNet's jitting stage may invoke the lesson benchmark twice after one
    /// iteration setup, and the second call must find entries too. 200,000 entries over 12 partitions stay well under
    /// the mock's 5 MiB per partition.
    /// </summary>
    public const int Prefilled = 2 * Messages;

    public const int TopicPartitions = 12;

    private string _topic = null!;
    private LogConsumer? _lessonConsumer;
    private IAsyncEnumerator<LogEntry>? _entries;
    private CancellationTokenSource? _deadline;

    protected override async Task SetupAsync()
    {
        _topic = Prefix + LogProducer.TopicName;
        await Backend.CreateTopicAsync(_topic, TopicPartitions);
        using var producer = BareProducer.Build(Options(ProducerProfiles.Settings(ProducerProfile.Batched)));
        var entries = LogMessages
            .Select(message => JsonSerializer.SerializeToUtf8Bytes(new LogEntry("INFO", message, DateTimeOffset.UtcNow), WorkbookJson.Options))
            .ToArray();
        BareProducer.ProduceAll(producer, _topic, entries, Prefilled);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "bare Consume loop (assigned partitions)")]
    public void Bare()
    {
        var config = Options().ApplyTo(new ConsumerConfig
        {
            GroupId = Prefix + "bare-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        });
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, TopicPartitions).Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
        var read = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (read < Messages)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read only {read} of {Messages} records in 60 s.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null })
            {
                read++;
            }
        }

        consumer.Close();
    }

    [IterationSetup(Target = nameof(LessonConsumer))]
    public void JoinGroup()
    {
        _lessonConsumer = new LogConsumer(Options(), "bench-" + Guid.NewGuid().ToString("N"));
        // A stuck read fails the benchmark instead of hanging the run.
        _deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _entries = _lessonConsumer.ConsumeAsync(_deadline.Token).GetAsyncEnumerator();
        if (!_entries.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The log stream ended before the first entry.");
        }
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "lesson 04 LogConsumer.ConsumeAsync")]
    public async Task LessonConsumer()
    {
        // The first entry was read in JoinGroup.
        for (var read = 1; read < Messages; read++)
        {
            if (!await _entries!.MoveNextAsync())
            {
                throw new InvalidOperationException("The log stream ended early.");
            }
        }
    }

    [IterationCleanup(Target = nameof(LessonConsumer))]
    public void LeaveGroup()
    {
        _entries?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _lessonConsumer?.Dispose();
        _deadline?.Dispose();
    }
}
