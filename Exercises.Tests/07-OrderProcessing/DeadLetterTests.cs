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

        // All on partition 0, in this order: the good record comes after the four poison ones.
        var malformed = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-X", "this is not JSON", partition: 0, headers: origin);
        var invalid = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-Q0", OrderSamples.Json(OrderSamples.One("ORD-Q0", "P9", quantity: 0)), partition: 0);
        var tombstone = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-T", value: null, partition: 0);
        var jsonNull = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-N", "null", partition: 0);
        var good = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD001", OrderSamples.SeedJsonFromPython, partition: 0);

        await using (var run = BackgroundRun.Start(inventory.ProcessAsync, Cancellation))
        {
            await Eventually.UntilAsync("InventoryConsumer.ProcessAsync to take 2 units of P1 for ORD001, the good order after four poison records (not JSON; quantity 0; no value, a tombstone; JSON null) on the same partition: a poison message must not stop consumption", () => inventory.GetStockAsync("P1"), s => s == 8, watch: [run.Task], cancellationToken: Cancellation);
            await WaitCaughtUpAsync(InventoryConsumer.GroupName, run.Task);
        }

        (await inventory.GetStockAsync("P9")).Should().Be(10, "InventoryConsumer.ProcessAsync must not apply the invalid order ORD-Q0 (quantity 0 of P9): it goes to orders.dlq instead");
        var groupId = Options.GroupId(InventoryConsumer.GroupName);
        GroupOffsets.Committed(Options, groupId, OrdersTopic, Partitions)[0].Should().Be(good.Offset.Value + 1, $"InventoryConsumer.ProcessAsync should commit offset {good.Offset.Value + 1} on orders partition 0 for group inventory-service: the poison records are committed like processed ones, so the group does not get stuck on them");

        var dead = await Kafka.ReadAsync(DeadLetterTopic, r => r.Count >= 4, cancellationToken: Cancellation);
        dead.Select(r => r.Message.Key).Should().BeEquivalentTo(["ORD-X", "ORD-Q0", "ORD-T", "ORD-N"], "InventoryConsumer.ProcessAsync should dead-letter exactly the four poison records ORD-X, ORD-Q0, ORD-T and ORD-N to orders.dlq, once each");
        var notJson = dead.Single(r => r.Message.Key == "ORD-X");
        notJson.Message.Value.Should().Be("this is not JSON", "the dead letter of ORD-X on orders.dlq should keep the original value, so it can be fixed and replayed");
        Header(notJson, "trace-id").Should().Be("abc123", "the dead letter of ORD-X on orders.dlq should keep the original record's headers (trace-id)");
        ShouldTell(notJson, malformed, groupId, attempts: 1);
        var zero = dead.Single(r => r.Message.Key == "ORD-Q0");
        ShouldTell(zero, invalid, groupId, attempts: 1);
        Header(zero, DeadLetterHeaders.Error).Should().Contain("quantity", $"the {DeadLetterHeaders.Error} header of ORD-Q0's dead letter should say what is wrong with it: its quantity");
        var noValue = dead.Single(r => r.Message.Key == "ORD-T");
        noValue.Message.Value.Should().BeNull("the dead letter of ORD-T, a tombstone, on orders.dlq should keep the original value: none");
        ShouldTell(noValue, tombstone, groupId, attempts: 1);
        var nullOrder = dead.Single(r => r.Message.Key == "ORD-N");
        ShouldTell(nullOrder, jsonNull, groupId, attempts: 1);
        Header(nullOrder, DeadLetterHeaders.Error).Should().Contain("null", $"the {DeadLetterHeaders.Error} header of ORD-N's dead letter should say what is wrong with it: the record is a JSON null, not an order");
    }

    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task An_order_the_sender_keeps_failing_goes_to_the_dlq_after_max_attempts_and_the_next_order_is_emailed()
    {
        await CreateTopicsAsync();
        var sender = new RecordingEmailSender(failsFor: order => order.OrderId == "ORD-BAD");
        var logger = new RecordingLogger<EmailConsumer>();
        using var email = new EmailConsumer(Options, Db, sender, maxAttempts: 3, logger);
        var bad = await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD-BAD", OrderSamples.Json(OrderSamples.One("ORD-BAD")), partition: 0);
        await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD001", OrderSamples.SeedJsonFromPython, partition: 0);

        await using (var run = BackgroundRun.Start(email.ProcessAsync, Cancellation))
        {
            await Eventually.UntilAsync("EmailConsumer.ProcessAsync to email ORD001, the order after ORD-BAD on the same partition, once it gave up on ORD-BAD after maxAttempts = 3 failed sends (a failing order must not stop consumption)", () => Task.FromResult(sender.Sent.Count), n => n >= 1, watch: [run.Task], cancellationToken: Cancellation);
            await WaitCaughtUpAsync(EmailConsumer.GroupName, run.Task);
        }

        sender.Attempts.Should().ContainKey("ORD-BAD", "EmailConsumer.ProcessAsync should have tried IEmailSender.SendOrderConfirmationAsync for ORD-BAD")
            .WhoseValue.Should().Be(3, "new EmailConsumer(..., maxAttempts: 3).ProcessAsync should try to send ORD-BAD exactly 3 times, then give up (1: no retry; more: retried past maxAttempts)");
        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "EmailConsumer.ProcessAsync should still email the next order, ORD001, once, after giving up on ORD-BAD");
        var dead = await Kafka.ReadAsync(DeadLetterTopic, r => r.Count >= 1, cancellationToken: Cancellation);
        dead.Select(r => r.Message.Key).Should().ContainSingle("EmailConsumer.ProcessAsync should dead-letter ORD-BAD to orders.dlq once, after its last attempt (not once per attempt)");
        var letter = dead.Single();
        letter.Message.Key.Should().Be("ORD-BAD", "the dead letter on orders.dlq should keep the original key, ORD-BAD");
        letter.Message.Value.Should().Be(OrderSamples.Json(OrderSamples.One("ORD-BAD")), "the dead letter of ORD-BAD on orders.dlq should keep the original value");
        ShouldTell(letter, bad, Options.GroupId(EmailConsumer.GroupName), attempts: 3);
        Header(letter, DeadLetterHeaders.Error).Should().Contain("mail server refused ORD-BAD", $"the {DeadLetterHeaders.Error} header of ORD-BAD's dead letter should carry the message of the exception IEmailSender threw");
        Header(letter, DeadLetterHeaders.ErrorType).Should().Contain(nameof(InvalidOperationException), $"the {DeadLetterHeaders.ErrorType} header of ORD-BAD's dead letter should name the type of the exception IEmailSender threw");
        logger.Warnings.Should().HaveCountGreaterThanOrEqualTo(3, $"EmailConsumer.ProcessAsync should report to its ILogger each of ORD-BAD's 2 retries and its dead letter, at Warning or worse (reported: {string.Join(" | ", logger.Warnings)})");
    }

    private static void ShouldTell(ConsumeResult<string?, string> letter, TopicPartitionOffset source, string groupId, int attempts)
    {
        var which = $"dead letter of {letter.Message.Key} on orders.dlq";
        Header(letter, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace($"the {which} should say what went wrong in its {DeadLetterHeaders.Error} header");
        Header(letter, DeadLetterHeaders.ErrorType).Should().NotBeNullOrWhiteSpace($"the {which} should name the kind of error in its {DeadLetterHeaders.ErrorType} header");
        Header(letter, DeadLetterHeaders.SourceTopic).Should().Be(source.Topic, $"the {which} should name the source topic in its {DeadLetterHeaders.SourceTopic} header");
        Header(letter, DeadLetterHeaders.SourcePartition).Should().Be(source.Partition.Value.ToString(CultureInfo.InvariantCulture), $"the {which} should name the source partition in its {DeadLetterHeaders.SourcePartition} header");
        Header(letter, DeadLetterHeaders.SourceOffset).Should().Be(source.Offset.Value.ToString(CultureInfo.InvariantCulture), $"the {which} should name the source offset in its {DeadLetterHeaders.SourceOffset} header");
        Header(letter, DeadLetterHeaders.ConsumerGroup).Should().Be(groupId, $"the {which} should name the group that gave up in its {DeadLetterHeaders.ConsumerGroup} header");
        Header(letter, DeadLetterHeaders.Attempts).Should().Be(attempts.ToString(CultureInfo.InvariantCulture), $"the {which} should count the {attempts} attempt(s) made in its {DeadLetterHeaders.Attempts} header");
    }

    private static string? Header(ConsumeResult<string?, string> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}
