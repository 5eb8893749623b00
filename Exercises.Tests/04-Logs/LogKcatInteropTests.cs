using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Workbook.Exercises.Tests.Lesson04;

/// <summary>Our records are plain Kafka records: kcat, a client we did not write, reads and writes them.</summary>
[Lesson("04", Level.Beginner, Skill.Kafka)]
public sealed class LogKcatInteropTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.BasicSerialization)]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task Our_consumer_reads_a_log_entry_that_kcat_produced()
    {
        Assert.SkipWhen(Kcat.Path is null, Kcat.MissingReason);
        var topic = await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        const string json = """{"level":"ERROR","message":"written by kcat","timestamp":"2026-11-25T17:00:00+01:00"}""";

        await Kcat.RunAsync(["-b", Kafka.Options.BootstrapServers, "-t", topic, "-P"], json + "\n", Cancellation);
        using var consumer = new LogConsumer(Kafka.Options);
        var entries = await LogStream.TakeAsync(consumer, 1, Cancellation);

        var expectedTime = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(1));
        entries.Should().Equal([new LogEntry("ERROR", "written by kcat", expectedTime)], $"LogConsumer.ConsumeAsync should read the plain JSON record kcat wrote, {json}, as that LogEntry");
        entries[0].Timestamp.Offset.Should().Be(TimeSpan.FromHours(1), "LogConsumer.ConsumeAsync should keep the +01:00 offset kcat's record carried (read a DateTimeOffset, not a DateTime turned into local or UTC time)");
    }

    [KafkaFact]
    [Rubric(Rubric.BasicSerialization)]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task Kcat_reads_the_same_JSON_our_producer_wrote()
    {
        Assert.SkipWhen(Kcat.Path is null, Kcat.MissingReason);
        var topic = await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero)));

        var sent = await producer.SendLogAsync("info", "Application started", Cancellation);
        var output = await Kcat.RunAsync(["-b", Kafka.Options.BootstrapServers, "-t", topic, "-C", "-e", "-o", "beginning", "-q", "-f", "%s\n"], stdin: null, Cancellation);
        var raw = await Kafka.ReadAsync(LogProducer.TopicName, r => r.Count >= 1, cancellationToken: Cancellation);

        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle($"one SendLogAsync(\"info\", \"Application started\") should be one record, so kcat should print one line for {topic}; it printed: {output}").Subject;
        line.Should().Be(raw.Single().Message.Value, "kcat should see the bytes LogProducer.SendLogAsync wrote, unchanged");
        JsonSerializer.Deserialize<LogEntry>(line, WorkbookJson.Options).Should().Be(sent, $"kcat's copy {line}, read as JSON, should be the entry SendLogAsync(\"info\", \"Application started\") returned");
    }
}
