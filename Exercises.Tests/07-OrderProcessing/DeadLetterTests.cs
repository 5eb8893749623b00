using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class DeadLetterTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task Malformed_and_invalid_records_go_to_the_dlq_with_their_story_and_the_next_record_is_processed()
    {
        await CreateTopicsAsync();
        using var inventory = new InventoryConsumer(Options, Db);
        await inventory.SetStockAsync("P1", 10);
        await inventory.SetStockAsync("P9", 10);
        var origin = new Headers { { "trace-id", Encoding.UTF8.GetBytes("abc123") } };

        // All on partition 0, in this order: the good record comes after the two poison ones.
        var malformed = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-X", "this is not JSON", partition: 0, headers: origin);
        var invalid = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-Q0", OrderSamples.Json(OrderSamples.One("ORD-Q0", "P9", quantity: 0)), partition: 0);
        var good = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD001", OrderSamples.SeedJsonFromPython, partition: 0);

        await using (var run = BackgroundRun.Start(inventory.ProcessAsync, Cancellation))
        {
            await Eventually.UntilAsync("ORD001 (after the poison records, same partition) to take 2 units of P1", () => inventory.GetStockAsync("P1"), s => s == 8, watch: [run.Task], cancellationToken: Cancellation);
            await WaitCaughtUpAsync(InventoryConsumer.GroupName, run.Task);
        }

        (await inventory.GetStockAsync("P9")).Should().Be(10, "the invalid order ORD-Q0 (quantity 0) must have no effect");
        var groupId = Options.GroupId(InventoryConsumer.GroupName);
        GroupOffsets.Committed(Options, groupId, OrdersTopic, Partitions)[0].Should().Be(good.Offset.Value + 1, "the poison records are committed like processed ones: the group does not get stuck on them");

        var dead = await Kafka.ReadAsync(DeadLetterTopic, r => r.Count >= 2, cancellationToken: Cancellation);
        dead.Should().HaveCount(2, "exactly the two poison records are dead-lettered, once each");
        var notJson = dead.Single(r => r.Message.Key == "ORD-X");
        notJson.Message.Value.Should().Be("this is not JSON", "the dead letter keeps the original value, so it can be fixed and replayed");
        Header(notJson, "trace-id").Should().Be("abc123", "the original headers are kept");
        ShouldTell(notJson, malformed, groupId, attempts: 1);
        var zero = dead.Single(r => r.Message.Key == "ORD-Q0");
        ShouldTell(zero, invalid, groupId, attempts: 1);
        Header(zero, DeadLetterHeaders.Error).Should().Contain("quantity", "the error says what is wrong with ORD-Q0");
    }

    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task An_order_the_sender_keeps_failing_goes_to_the_dlq_after_max_attempts_and_the_next_order_is_emailed()
    {
        await CreateTopicsAsync();
        var sender = new RecordingEmailSender(failsFor: order => order.OrderId == "ORD-BAD");
        using var email = new EmailConsumer(Options, Db, sender, maxAttempts: 3);
        var bad = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-BAD", OrderSamples.Json(OrderSamples.One("ORD-BAD")), partition: 0);
        await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD001", OrderSamples.SeedJsonFromPython, partition: 0);

        await using (var run = BackgroundRun.Start(email.ProcessAsync, Cancellation))
        {
            await Eventually.UntilAsync("ORD001, after ORD-BAD on the same partition, to be emailed", () => Task.FromResult(sender.Sent.Count), n => n >= 1, watch: [run.Task], cancellationToken: Cancellation);
            await WaitCaughtUpAsync(EmailConsumer.GroupName, run.Task);
        }

        sender.Attempts.Should().ContainKey("ORD-BAD").WhoseValue.Should().Be(3, "the send of ORD-BAD is tried maxAttempts = 3 times, then given up");
        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "the next order is still emailed, once");
        var dead = await Kafka.ReadAsync(DeadLetterTopic, r => r.Count >= 1, cancellationToken: Cancellation);
        var letter = dead.Should().ContainSingle("ORD-BAD is dead-lettered once").Which;
        letter.Message.Key.Should().Be("ORD-BAD");
        letter.Message.Value.Should().Be(OrderSamples.Json(OrderSamples.One("ORD-BAD")), "the original value is kept");
        ShouldTell(letter, bad, Options.GroupId(EmailConsumer.GroupName), attempts: 3);
        Header(letter, DeadLetterHeaders.Error).Should().Contain("mail server refused ORD-BAD", "the error header carries the sender's error");
    }

    private static void ShouldTell(ConsumeResult<string?, string> letter, TopicPartitionOffset source, string groupId, int attempts)
    {
        var which = $"dead letter of {letter.Message.Key}";
        Header(letter, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace($"the {which} says what went wrong in {DeadLetterHeaders.Error}");
        Header(letter, DeadLetterHeaders.SourceTopic).Should().Be(source.Topic, $"the {which} names the source topic");
        Header(letter, DeadLetterHeaders.SourcePartition).Should().Be(source.Partition.Value.ToString(CultureInfo.InvariantCulture), $"the {which} names the source partition");
        Header(letter, DeadLetterHeaders.SourceOffset).Should().Be(source.Offset.Value.ToString(CultureInfo.InvariantCulture), $"the {which} names the source offset");
        Header(letter, DeadLetterHeaders.ConsumerGroup).Should().Be(groupId, $"the {which} names the group that gave up");
        Header(letter, DeadLetterHeaders.Attempts).Should().Be(attempts.ToString(CultureInfo.InvariantCulture), $"the {which} counts the attempts");
    }

    private static string? Header(ConsumeResult<string?, string> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}
