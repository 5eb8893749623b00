using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson04;

[Lesson("04", Level.Beginner, Skill.Kafka)]
public sealed class LogConsumerTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    // Each is a record some other producer could put on application.logs; none is a log entry.
    private static readonly string[] Malformed =
    [
        "not json at all",
        "{\"level\":\"INFO\",\"message\":\"cut off",
        "",
        "[\"INFO\",\"an array\",\"2026-11-25T16:00:00+00:00\"]",
        "\"just a string\"",
        "42",
        "null",
        "{}",
        "{\"message\":\"no level\",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":\"INFO\",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":\"INFO\",\"message\":\"no timestamp\"}",
        "{\"level\":null,\"message\":\"null level\",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":\"INFO\",\"message\":null,\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":7,\"message\":\"level is a number\",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":\"INFO\",\"message\":\"timestamp is not a time\",\"timestamp\":\"yesterday\"}",
        "{\"level\":\"\",\"message\":\"blank level\",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
        "{\"level\":\"INFO\",\"message\":\"  \",\"timestamp\":\"2026-11-25T16:00:00+00:00\"}",
    ];

    [KafkaFact]
    [Rubric(Rubric.BasicSerialization)]
    public async Task Malformed_records_are_skipped_and_counted_and_the_next_good_entry_is_still_yielded()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero)));
        var before = await producer.SendLogAsync("INFO", "before the bad records", Cancellation);
        foreach (var value in Malformed)
        {
            await Kafka.ProduceRawAsync(LogProducer.TopicName, key: null, value);
        }

        var after = await producer.SendLogAsync("ERROR", "after the bad records", Cancellation);
        using var consumer = new LogConsumer(Kafka.Options);
        var received = new ConcurrentQueue<LogEntry>();

        await using var run = LogStream.CollectInBackground(consumer, received, Cancellation);
        await Eventually.UntilAsync(
            $"LogConsumer.ConsumeAsync to yield both good entries, the one before and the one after the {Malformed.Length} malformed records (a consumer with no error handling throws or stops at the first bad record)",
            () => Task.FromResult(received.ToArray()),
            entries => entries.Length >= 2,
            LogStream.Deadline,
            watch: [run.Task],
            Cancellation);
        var skipped = await Eventually.UntilAsync(
            $"LogConsumer.SkippedCount to reach {Malformed.Length}, one per malformed record ConsumeAsync skipped",
            () => Task.FromResult(consumer.SkippedCount),
            count => count >= Malformed.Length,
            LogStream.Deadline,
            watch: [run.Task],
            Cancellation);
        await run.StopAsync();

        received.Should().Equal(
            [before, after],
            "LogConsumer.ConsumeAsync should yield exactly the two entries SendLogAsync sent: a malformed record is skipped (never yielded as a half-filled LogEntry), and the good entry after it is still yielded");
        skipped.Should().Be(Malformed.Length, $"LogConsumer.SkippedCount should count each of the {Malformed.Length} malformed records once: {string.Join(" | ", Malformed)}");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task A_consumer_started_before_the_topic_exists_yields_the_entries_sent_once_it_does()
    {
        using var consumer = new LogConsumer(Kafka.Options);
        var received = new ConcurrentQueue<LogEntry>();
        await using var run = LogStream.CollectInBackground(consumer, received, Cancellation);

        // Long enough for the consumer to ask for application.logs and hear that it does not exist yet (the broker
        // answers in milliseconds); only then is the topic created and the first entry sent.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        var sent = await producer.SendLogAsync("INFO", "the first entry ever", Cancellation);
        var entries = await Eventually.UntilAsync(
            "LogConsumer.ConsumeAsync, started before application.logs existed, to yield the entry sent once the topic was created (a consumer that lets the broker's \"Unknown topic or partition\" ConsumeException out ends its stream before any entry exists)",
            () => Task.FromResult(received.ToArray()),
            e => e.Length >= 1,
            LogStream.Deadline,
            watch: [run.Task],
            Cancellation);
        await run.StopAsync();

        entries.Should().Equal([sent], "LogConsumer.ConsumeAsync should keep waiting while the topic does not exist yet (librdkafka reports that as a non-fatal ConsumeException and keeps looking) and then yield the entry SendLogAsync sent");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task Null_or_unusable_options_and_a_blank_group_name_are_rejected_at_construction()
    {
        var unusable = Kafka.Options with { BootstrapServers = " " };
        FluentActions.Invoking(() => new LogConsumer(null!)).Should().Throw<ArgumentNullException>("new LogConsumer(options: null) must reject null options at once")
            .WithParameterName("options", "the exception from new LogConsumer(null) names the parameter it rejects");
        FluentActions.Invoking(() => new LogConsumer(unusable)).Should().Throw<ArgumentException>("new LogConsumer(options) with a blank BootstrapServers must be rejected at construction (options.Validate()), not at the first read");
        foreach (var groupName in new[] { null, "", "   " })
        {
            var call = $"new LogConsumer(options, groupName: {(groupName is null ? "null" : $"\"{groupName}\"")})";
            FluentActions.Invoking(() => new LogConsumer(Kafka.Options, groupName!)).Should().Throw<ArgumentException>($"{call} must reject a group name that is null, empty or white space")
                .WithParameterName("groupName", $"the exception from {call} names the parameter it rejects, not a parameter of a method it calls");
        }

        FluentActions.Invoking(() => new LogProducer(null!)).Should().Throw<ArgumentNullException>("new LogProducer(options: null) must reject null options at once")
            .WithParameterName("options", "the exception from new LogProducer(null) names the parameter it rejects");
        FluentActions.Invoking(() => new LogProducer(unusable)).Should().Throw<ArgumentException>("new LogProducer(options) with a blank BootstrapServers must be rejected at construction (options.Validate()), not at the first send");

        // The checks reject only what is wrong: the same constructors with good arguments work end to end.
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        using var consumer = new LogConsumer(Kafka.Options, "checked-readers");
        var sent = await producer.SendLogAsync("INFO", "built from good options", Cancellation);
        var entries = await LogStream.TakeAsync(consumer, 1, Cancellation);
        entries.Should().Equal([sent], "a LogProducer and a LogConsumer built from good options and a good group name should send and read an entry");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task Disposing_the_producer_or_the_consumer_a_second_time_does_nothing()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        var producer = new LogProducer(Kafka.Options);
        var consumer = new LogConsumer(Kafka.Options);
        await producer.SendLogAsync("INFO", "sent before the disposals", Cancellation);
        await LogStream.TakeAsync(consumer, 1, Cancellation);

        producer.Dispose();
        consumer.Dispose();

        FluentActions.Invoking(producer.Dispose).Should().NotThrow("a second LogProducer.Dispose() must do nothing (IDisposable's rule: Dispose may be called more than once); flushing or disposing the Kafka producer again throws ObjectDisposedException");
        FluentActions.Invoking(consumer.Dispose).Should().NotThrow("a second LogConsumer.Dispose() must do nothing (IDisposable's rule: Dispose may be called more than once); Close() on a Kafka consumer already closed throws ObjectDisposedException");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task A_restarted_consumer_in_the_same_group_resumes_after_the_last_yielded_entry()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        for (var i = 1; i <= 6; i++)
        {
            await producer.SendLogAsync("INFO", $"entry {i}", Cancellation);
        }

        var options = Kafka.Options;
        var firstRun = new List<string>();
        using (var first = new LogConsumer(options))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            stop.CancelAfter(LogStream.Deadline);
            var read = async () =>
            {
                await foreach (var entry in first.ConsumeAsync(stop.Token))
                {
                    firstRun.Add(entry.Message);
                    if (firstRun.Count == 3)
                    {
                        // The caller is done with entry 3 and stops: entry 4 must not be handed out or committed.
                        await stop.CancelAsync();
                    }
                }
            };

            await read.Should().ThrowAsync<OperationCanceledException>("LogConsumer.ConsumeAsync(token) should end with an OperationCanceledException when the caller cancels the token, not return normally or swallow it");
        }

        firstRun.Should().Equal(["entry 1", "entry 2", "entry 3"], "the first LogConsumer in a new group should yield from the earliest record, and nothing more once the caller cancels after entry 3");

        using var second = new LogConsumer(options);
        var resumed = await LogStream.TakeAsync(second, 2, Cancellation);
        resumed.Select(e => e.Message).Should().Equal(
            ["entry 4", "entry 5"],
            "a new LogConsumer in the same group should continue after the last entry the first one yielded: not from entry 1 (nothing was committed: no commit strategy), not past entry 4 (an offset was committed for an entry never yielded, e.g. auto-commit of everything consumed)");

        using var otherGroup = new LogConsumer(options, "auditors");
        var fresh = await LogStream.TakeAsync(otherGroup, 1, Cancellation);
        fresh.Select(e => e.Message).Should().Equal(["entry 1"], "new LogConsumer(options, \"auditors\") is another group, with its own offsets, so it should start from the earliest record");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task An_entry_whose_handling_failed_is_read_again_by_the_next_consumer_in_the_group()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        for (var i = 1; i <= 3; i++)
        {
            await producer.SendLogAsync("INFO", $"entry {i}", Cancellation);
        }

        var options = Kafka.Options;
        var handled = new List<string>();
        using (var first = new LogConsumer(options))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            stop.CancelAfter(LogStream.Deadline);
            var read = async () =>
            {
                await foreach (var entry in first.ConsumeAsync(stop.Token))
                {
                    // The caller's handling of entry 2 fails: the loop ends with its exception, entry 2 not done.
                    if (entry.Message == "entry 2")
                    {
                        throw new InvalidOperationException("the caller failed to handle entry 2");
                    }

                    handled.Add(entry.Message);
                }
            };

            await read.Should().ThrowAsync<InvalidOperationException>("the caller's own exception ends its await foreach over LogConsumer.ConsumeAsync");
        }

        handled.Should().Equal(["entry 1"], "the first LogConsumer in a new group yields from the earliest record");
        using var second = new LogConsumer(options);
        var resumed = await LogStream.TakeAsync(second, 1, Cancellation);
        resumed.Select(e => e.Message).Should().Equal(
            ["entry 2"],
            "a new LogConsumer in the same group must hand out entry 2 again: its handling failed, so its offset must not have been committed (at-least-once). Storing offsets as records are consumed (EnableAutoOffsetStore = true, kafka-python's default in the seed) commits it and loses it");
    }
}
