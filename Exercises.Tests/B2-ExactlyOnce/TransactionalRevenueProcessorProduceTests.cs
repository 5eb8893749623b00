using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>Records whose Produce fails the same way on every redo: the processor must get past them, not loop.</summary>
[Lesson("B2", Level.Advanced, Skill.Kafka)]
public sealed class TransactionalRevenueProcessorProduceTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    // Under the producer's default message.max.bytes (1,000,000) as it is, over it with the dead letter's headers.
    private const int HugeValueBytes = 999_900;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_malformed_sale_too_large_to_dead_letter_whole_is_dead_lettered_without_its_value_and_the_next_sales_are_processed()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var prefix = """{"product_id":"P1","quantity":0,"price":1.0,"note":""";
        var huge = prefix + new string('x', HugeValueBytes - prefix.Length - 2) + "\"}";
        var source = await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, "P1", huge, partition: 0);
        var next = EosStream.Distinct(0, 10);
        await EosStream.SendAsync(Options, next, Cancellation);

        using var processor = new TransactionalRevenueProcessor(Options, "worker-1");
        await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
        var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= next.Length, Patience, [run.Task], Cancellation);
        var dead = await Kafka.ReadAsync(TransactionalRevenueProcessor.DeadLetterTopic, records => records.Count >= 1, Patience, [run.Task], Cancellation);
        await EosStream.WaitForCommittedAsync(Kafka, [run.Task], Cancellation);

        output.Select(EosStream.Parse).Should().BeEquivalentTo(next.Select(EosStream.RevenueOf), "the sales after a malformed sale whose dead letter is too large to write whole should each give one revenue record on revenue.eos: TransactionalRevenueProcessor.ProcessAsync must not redo the batch for ever on Produce's MsgSizeTooLarge");
        var letter = dead.Should().ContainSingle("TransactionalRevenueProcessor.ProcessAsync should dead-letter the oversized malformed sale once to sales.eos.dlq").Which;
        letter.Message.Value.Should().BeNull("a dead letter too large for message.max.bytes with its value should be written without it");
        letter.Message.Key.Should().Be("P1", "a dead letter written without its value should keep the record's key");
        EosStream.Header(letter, DeadLetterHeaders.ValueDropped).Should().Be(HugeValueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "a dead letter written without its value should say so in its dlq.value.dropped header, with the value's size in bytes");
        $"{EosStream.Header(letter, DeadLetterHeaders.SourceTopic)}:{EosStream.Header(letter, DeadLetterHeaders.SourcePartition)}:{EosStream.Header(letter, DeadLetterHeaders.SourceOffset)}"
            .Should().Be($"{source.Topic}:{source.Partition.Value}:{source.Offset.Value}", "a dead letter written without its value should still name the original in its dlq.source.* headers, so it can be found and replayed");
        EosStream.Header(letter, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace("a dead letter written without its value should still say what was wrong with the sale in dlq.error");
        run.Task.IsCompleted.Should().BeFalse("TransactionalRevenueProcessor.ProcessAsync should keep running after an oversized malformed sale");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_batch_larger_than_the_producer_queue_is_still_produced_and_committed_once()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var wave1 = EosStream.Distinct(0, 100);
        var wave2 = EosStream.Distinct(100, 10);
        await EosStream.SendAsync(Options, wave1, Cancellation);
        var small = EosStream.WithProducerQueueOf(Options, 10);

        using var processor = new TransactionalRevenueProcessor(small, "worker-1");
        await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
        await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length, Patience, [run.Task], Cancellation);
        await EosStream.SendAsync(Options, wave2, Cancellation);
        await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length + wave2.Length, Patience, [run.Task], Cancellation);
        await EosStream.WaitForCommittedAsync(Kafka, [run.Task], Cancellation);
        run.Task.IsCompleted.Should().BeFalse("TransactionalRevenueProcessor.ProcessAsync should keep running when its producer's queue fills up: Local_QueueFull is not fatal");
        await run.StopAsync();

        // The mock shows aborted records to read_committed readers too: a batch produced twice would show twice here.
        var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length + wave2.Length, Patience, cancellationToken: Cancellation);
        output.Select(EosStream.Parse).Should().BeEquivalentTo(wave1.Concat(wave2).Select(EosStream.RevenueOf), "with queue.buffering.max.messages=10, TransactionalRevenueProcessor.ProcessAsync should still write each sale of a 100-sale batch, and of the next one, exactly once: on Local_QueueFull wait for deliveries and produce that record again, not abort and redo the batch for ever");
    }
}
