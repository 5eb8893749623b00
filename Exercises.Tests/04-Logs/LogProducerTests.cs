using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Workbook.Exercises.Tests.Lesson04;

[Lesson("04", Level.Beginner, Skill.Kafka)]
public sealed class LogProducerTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private static readonly DateTimeOffset SeedTime = new(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    [Rubric(Rubric.SingleTopic)]
    public async Task Seed_example_INFO_then_ERROR_arrive_in_order()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        using var consumer = new LogConsumer(Kafka.Options);

        await producer.SendLogAsync("INFO", "Application started", Cancellation);
        await producer.SendLogAsync("ERROR", "Database connection failed", Cancellation);
        var entries = await LogStream.TakeAsync(consumer, 2, Cancellation);

        entries.Select(e => (e.Level, e.Message)).Should().Equal(
            [("INFO", "Application started"), ("ERROR", "Database connection failed")],
            "LogConsumer.ConsumeAsync in a new group should yield SendLogAsync(\"INFO\", ...) then SendLogAsync(\"ERROR\", ...) from the earliest record of application.logs, in the order they were sent");
    }

    [KafkaFact]
    [Rubric(Rubric.BasicSerialization)]
    public async Task Level_message_and_timestamp_survive_the_round_trip_exactly()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        var time = new FakeTimeProvider(SeedTime.AddTicks(1_234_567));
        using var producer = new LogProducer(Kafka.Options, time);
        using var consumer = new LogConsumer(Kafka.Options);
        const string awkward = "Disk \"/var\" at 91 % — naïve ünïcödé, {json} and\na second line";

        var first = await producer.SendLogAsync("warning", awkward, Cancellation);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var second = await producer.SendLogAsync("Critical", "Out of memory", Cancellation);
        var entries = await LogStream.TakeAsync(consumer, 2, Cancellation);

        first.Should().Be(new LogEntry("WARNING", awkward, SeedTime.AddTicks(1_234_567)), "LogProducer.SendLogAsync(\"warning\", ...) should return the entry it sent: the level upper-cased, the message unchanged, the time from the constructor's TimeProvider (not DateTimeOffset.UtcNow)");
        second.Timestamp.Should().Be(SeedTime.AddTicks(1_234_567).AddMilliseconds(1500), "LogProducer.SendLogAsync(\"Critical\", ...) 1.5 s later should take the TimeProvider's time at the moment it is called, not a time read once in the constructor");
        entries.Should().Equal([first, second], "LogConsumer.ConsumeAsync should yield exactly the entries SendLogAsync returned, down to the tick of the timestamp and every character of the message (quotes, braces, a newline, non-ASCII)");
        entries.Select(e => e.Timestamp.Offset).Should().AllBeEquivalentTo(TimeSpan.Zero, "LogConsumer.ConsumeAsync should keep each timestamp's +00:00 offset");
    }

    [KafkaFact]
    [Rubric(Rubric.BasicSerialization)]
    [Rubric(Rubric.SingleTopic)]
    public async Task The_record_on_application_logs_is_snake_case_JSON_with_an_ISO_8601_timestamp()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options, new FakeTimeProvider(SeedTime));

        await producer.SendLogAsync("info", "Application started", Cancellation);
        var records = await Kafka.ReadAsync(LogProducer.TopicName, r => r.Count >= 1, cancellationToken: Cancellation);

        var value = records.Select(r => r.Message.Value).Should().ContainSingle("one SendLogAsync(\"info\", \"Application started\") should write exactly one record to application.logs").Subject;
        using var json = JsonDocument.Parse(value);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Object, $"LogProducer.SendLogAsync should write the LogEntry as a JSON object; it wrote {value}");
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["level", "message", "timestamp"], $"LogProducer.SendLogAsync should write exactly the seed's snake_case fields (serialized with WorkbookJson.Options, not the default PascalCase); it wrote {value}");
        json.RootElement.GetProperty("level").GetString().Should().Be("INFO", $"LogProducer.SendLogAsync(\"info\", ...) should store the level upper-case; it wrote {value}");
        json.RootElement.GetProperty("message").GetString().Should().Be("Application started", $"LogProducer.SendLogAsync(..., \"Application started\") should store the message unchanged; it wrote {value}");
        json.RootElement.GetProperty("timestamp").GetString().Should().Be("2026-11-25T16:00:00+00:00", $"LogProducer.SendLogAsync should store the timestamp as ISO-8601 with its offset, like Python's isoformat(); it wrote {value}");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task Every_level_is_accepted_in_any_case_and_stored_upper_case()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);
        string[] given = ["debug", "Info", "wArNiNg", "error", "CRITICAL"];

        var sent = new List<LogEntry>();
        foreach (var level in given)
        {
            sent.Add(await producer.SendLogAsync(level, $"logged as {level}", Cancellation));
        }

        var records = await Kafka.ReadAsync(LogProducer.TopicName, r => r.Count >= given.Length, cancellationToken: Cancellation);

        string[] expected = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];
        sent.Select(e => e.Level).Should().Equal(expected, $"LogProducer.SendLogAsync should accept each of {string.Join(", ", given)} in any case and return its level upper-case");
        records.Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("level").GetString()).Should().Equal(expected, $"LogProducer.SendLogAsync should store the levels {string.Join(", ", given)} upper-case on application.logs, in the order sent");
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task An_unknown_level_is_rejected_and_nothing_is_produced()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);

        foreach (var level in new[] { "VERBOSE", "WARN", "FATAL", "", "   ", null })
        {
            var call = $"LogProducer.SendLogAsync(level: {Show(level)}, message: \"some message\")";
            var send = () => producer.SendLogAsync(level!, "some message", Cancellation);
            var rejected = (await send.Should().ThrowAsync<ArgumentException>($"{call} must reject a level that is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")).Which;
            rejected.ParamName.Should().Be("level", $"the ArgumentException from {call} should name the parameter it rejects");
            if (!string.IsNullOrWhiteSpace(level))
            {
                rejected.Message.Should().Contain(level, $"the message of the ArgumentException from {call} should say which level was wrong; it said \"{rejected.Message}\"")
                    .And.ContainAll(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], $"the message of the ArgumentException from {call} should list the levels that are accepted, so the caller can fix the call; it said \"{rejected.Message}\"");
            }
        }

        await AssertOnlyTheSentinelIsOnTheTopicAsync(producer);
    }

    [KafkaFact]
    [Rubric(Rubric.ProducerConsumer)]
    public async Task An_empty_message_is_rejected_and_nothing_is_produced()
    {
        await Kafka.CreateTopicAsync(LogProducer.TopicName, partitions: 1, Cancellation);
        using var producer = new LogProducer(Kafka.Options);

        foreach (var message in new[] { "", "   ", "\t\n", null })
        {
            var call = $"LogProducer.SendLogAsync(level: \"INFO\", message: {Show(message)})";
            var send = () => producer.SendLogAsync("INFO", message!, Cancellation);
            (await send.Should().ThrowAsync<ArgumentException>($"{call} must reject a message that is empty or only white space"))
                .Which.ParamName.Should().Be("message", $"the ArgumentException from {call} should name the parameter it rejects");
        }

        await AssertOnlyTheSentinelIsOnTheTopicAsync(producer);
    }

    // On a one-partition topic a record sent after the rejected calls arrives last: once it is read, anything
    // the rejected calls had produced would have been read before it.
    private async Task AssertOnlyTheSentinelIsOnTheTopicAsync(LogProducer producer)
    {
        await producer.SendLogAsync("INFO", "sentinel", Cancellation);
        var records = await Kafka.ReadAsync(
            LogProducer.TopicName,
            r => r.Any(record => record.Message.Value.Contains("sentinel", StringComparison.Ordinal)),
            cancellationToken: Cancellation);

        records.Select(r => r.Message.Value).Should().ContainSingle("a SendLogAsync call that threw must not produce anything (validate before producing); only the sentinel sent afterwards belongs on application.logs")
            .Which.Should().Contain("sentinel");
    }

    // How an argument appears in a failure message: null, or the string in quotes with its escapes visible.
    private static string Show(string? value) =>
        value is null ? "null" : $"\"{value.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";
}
