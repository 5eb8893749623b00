using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>Runs alone, after the parallel tests: a mock broker taken down would fail whatever else is running.</summary>
[CollectionDefinition(nameof(EosOutageCollection), DisableParallelization = true)]
public sealed class EosOutageCollection;

/// <summary>A transaction that cannot commit: aborted, rewound and redone by the same instance.</summary>
[Lesson("B2", Level.Advanced, Skill.Kafka)]
[Collection(nameof(EosOutageCollection))]
public sealed class TransactionalRevenueProcessorOutageTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_transaction_that_cannot_commit_is_aborted_and_the_same_instance_redoes_its_sales()
    {
        RequireMockCluster("the broker leading every revenue.eos partition is taken down while a transaction is open, so its records cannot be delivered and the commit fails, and brought back when the batch is produced again");
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var mock = Kafka.Backend.Mock!;
        const int OutputLeader = 3, Others = 1;
        for (var partition = 0; partition < EosStream.Partitions; partition++)
        {
            mock.SetPartitionLeader(Options.Topic(TransactionalRevenueProcessor.OutputTopic), partition, OutputLeader);
            mock.SetPartitionLeader(Options.Topic(TransactionalRevenueProcessor.InputTopic), partition, Others);
        }

        // Only revenue.eos goes down: the input, the dead letters and both coordinators stay on another broker.
        mock.SetPartitionLeader(Options.Topic(TransactionalRevenueProcessor.DeadLetterTopic), 0, Others);
        mock.SetGroupCoordinator(Options.GroupId(TransactionalRevenueProcessor.GroupName), Others);
        mock.SetTransactionCoordinator($"{Options.GroupId(TransactionalRevenueProcessor.GroupName)}.worker-1", Others);

        var wave1 = EosStream.Distinct(0, 15);
        var wave2 = EosStream.Distinct(15, 15);
        var seen = 0;
        var attempts = 0;
        var redone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Records the producer cannot deliver within 2 s fail, and so does the transaction holding them.
        var options = Options with { ProducerSettings = new Dictionary<string, string>(Options.ProducerSettings) { ["message.timeout.ms"] = "2000", ["reconnect.backoff.max.ms"] = "200" } };
        using var processor = new TransactionalRevenueProcessor(options, "worker-1", afterProduce: records =>
        {
            if (seen < wave1.Length)
            {
                seen += records;
            }
            else if (records > 0 && Interlocked.Increment(ref attempts) == 2)
            {
                mock.SetBrokerUp(OutputLeader); // wave 2 is produced a second time: this time it can be delivered
                redone.TrySetResult();
            }

            return Task.CompletedTask;
        });
        await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
        await EosStream.SendAsync(Options, wave1, Cancellation);
        await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length, Patience, [run.Task], Cancellation);

        mock.SetBrokerDown(OutputLeader);
        try
        {
            await EosStream.SendAsync(Options, wave2, Cancellation);
            await Eventually.UntilAsync(
                $"TransactionalRevenueProcessor.ProcessAsync to abort the transaction whose revenue records could not reach broker {OutputLeader} (its CommitTransaction fails), seek back and produce the same sales again in a new transaction (afterProduce called a second time for wave 2)",
                () => Task.FromResult(redone.Task.IsCompleted),
                done => done,
                Patience,
                [run.Task],
                Cancellation);
        }
        finally
        {
            mock.SetBrokerUp(OutputLeader);
        }

        var output = await Kafka.ReadAsync(
            TransactionalRevenueProcessor.OutputTopic,
            records => records.Select(EosStream.Parse).ToHashSet().IsSupersetOf(wave2.Select(EosStream.RevenueOf)),
            Patience,
            [run.Task],
            Cancellation);
        output.Select(EosStream.Parse).Should().Contain(wave1.Concat(wave2).Select(EosStream.RevenueOf), "after AbortTransaction, ProcessAsync should Seek every partition back to the aborted batch's first offsets and redo all of it: no sale of the failed transaction may be lost");
        run.Task.IsCompleted.Should().BeFalse("a failed commit is not fatal: TransactionalRevenueProcessor.ProcessAsync should abort, redo the batch and keep running, not stop");
    }
}
