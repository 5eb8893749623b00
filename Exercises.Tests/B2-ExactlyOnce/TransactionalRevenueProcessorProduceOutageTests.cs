using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>A transaction that must abort while it is still producing: Produce itself refuses, and the batch is redone.</summary>
[Lesson("B2", Level.Advanced, Skill.Kafka)]
[Collection(nameof(EosOutageCollection))]
public sealed class TransactionalRevenueProcessorProduceOutageTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const short AddPartitionsToTxn = 24;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_transaction_that_must_abort_while_it_still_produces_is_aborted_and_its_sales_redone()
    {
        RequireMockCluster("the transaction coordinator refuses the first AddPartitionsToTxn (TopicAuthorizationFailed), which makes the open transaction abortable, so Produce itself then fails with Local_State; cluster-wide fault injection, so this runs alone");
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        // One product, so one partition: a single fetch, and a single batch of 20.
        Sale[] sales = [.. Enumerable.Range(0, 20).Select(i => new Sale("D0", 1, (1000 + i) / 1000m))];
        await EosStream.SendAsync(Options, sales, Cancellation);

        // Records wait in the queue until their partition is in the transaction, so the 11th Produce waits for room, and
        // meanwhile the refusal arrives: the next Produce is refused, before the batch is through.
        var small = EosStream.WithProducerQueueOf(Options, 10);
        var mock = Kafka.Backend.Mock!;
        mock.PushRequestErrors(AddPartitionsToTxn, ErrorCode.TopicAuthorizationFailed);
        try
        {
            using var processor = new TransactionalRevenueProcessor(small, "worker-1");
            await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
            var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= sales.Length, Patience, [run.Task], Cancellation);

            output.Select(EosStream.Parse).Should().BeEquivalentTo(sales.Select(EosStream.RevenueOf), "when the open transaction becomes abortable and Produce fails with Local_State (not fatal), TransactionalRevenueProcessor.ProcessAsync should abort it, Seek back and redo the batch: every sale once, none lost");
            run.Task.IsCompleted.Should().BeFalse("a Produce refused because the transaction must abort is not fatal: TransactionalRevenueProcessor.ProcessAsync should abort, redo the batch and keep running");
        }
        finally
        {
            mock.ClearRequestErrors(AddPartitionsToTxn); // unused when the answer never added a partition: not for the next test
        }
    }
}
