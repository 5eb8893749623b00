using System.Text.Json;
using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>Crashes between produce and commit, restarts with the same transactional id, and a fenced zombie.</summary>
[Lesson("B2", Level.Advanced, Skill.Kafka)]
public sealed class TransactionalRevenueProcessorFailureTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const string Malformed = """{"product_id":"D1","quantity":0,"price":1.0}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_crash_between_produce_and_commit_moves_no_offset_and_the_restart_redoes_exactly_the_uncommitted_sales()
    {
        var outcome = await CrashThenRestartAsync();

        outcome.CommittedAtCrash.Should().Equal(outcome.CommittedBeforeCrash, "TransactionalRevenueProcessor.ProcessAsync should move the group's offsets only when a transaction commits, and the crashed one did not (an offset committed outside the transaction moves anyway)");
        outcome.RestartOutput.Select(EosStream.Parse).Should().BeEquivalentTo(
            outcome.Uncommitted.Select(EosStream.RevenueOf),
            "a TransactionalRevenueProcessor restarted with the same instance id must redo every sale at or after the group's committed offsets (all of wave 2 on Apache Kafka, everything on the mock, which keeps no transactional offsets) once each, and nothing else");
        outcome.RestartDeadLetters.Select(r => r.Message.Value).Should().Equal([Malformed], "the restarted instance should dead-letter the malformed sale of the crashed transaction again, once, to sales.eos.dlq");
        outcome.AllOutput.Select(EosStream.Parse).Should().Contain(outcome.Sales.Select(EosStream.RevenueOf), "no sale may be lost: between them, the crashed and the restarted instance should write revenue for every sale to revenue.eos");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task After_a_crash_between_produce_and_commit_read_committed_sees_every_sale_exactly_once()
    {
        RequireRealKafka("a read_committed consumer must not see the crashed transaction's aborted records, and the mock's read_committed consumer still sees them");
        var outcome = await CrashThenRestartAsync();

        outcome.AllOutput.Select(EosStream.Parse).Should().BeEquivalentTo(outcome.Sales.Select(EosStream.RevenueOf), "a read_committed reader of revenue.eos should see each sale's revenue exactly once: the crashed transaction's records were aborted (TransactionalRevenueProcessor must produce them inside the transaction, not with a plain producer)");
        outcome.AllDeadLetters.Select(r => r.Message.Value).Should().Equal([Malformed], "the dead letter the crashed transaction wrote to sales.eos.dlq should be aborted with it, so a read_committed reader sees only the restarted instance's");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_newer_instance_with_the_same_transactional_id_fences_the_zombie_which_stops_and_the_newer_one_continues()
    {
        RequireRealKafka("the mock gives a second producer with the same transactional.id a new producer id instead of bumping the epoch, so it never fences the first");
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var sent = new List<Sale>();
        using var zombie = new TransactionalRevenueProcessor(Options, "worker-1");
        var zombieRun = Task.Run(() => zombie.ProcessAsync(Cancellation), Cancellation);
        await SendToEveryPartitionAsync(sent);
        await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= sent.Count, Patience, [zombieRun], Cancellation);

        using var successor = new TransactionalRevenueProcessor(Options, "worker-1"); // same id: a restart while the old one still runs
        await using var successorRun = BackgroundRun.Start(successor.ProcessAsync, Cancellation);
        await Eventually.UntilAsync(
            "the older TransactionalRevenueProcessor's ProcessAsync (instance worker-1) to stop, fenced, once a newer one with the same instance id has initialised its transactions",
            async () =>
            {
                await SendToEveryPartitionAsync(sent); // the zombie only learns it is fenced when it next writes
                return zombieRun.IsCompleted;
            },
            stopped => stopped,
            Patience,
            [successorRun.Task],
            Cancellation);

        var fenced = (await FluentActions.Awaiting(() => zombieRun).Should().ThrowAsync<KafkaException>("the zombie's ProcessAsync should stop with the KafkaException of its fenced producer, not swallow it")).Which;
        (fenced.Error.IsFatal || fenced.Error.Code == ErrorCode.Local_Fatal).Should().BeTrue($"being fenced is fatal for a producer: the zombie's ProcessAsync should stop on that error, not retry it (got {fenced.Error.Code}: {fenced.Error.Reason})");
        await SendToEveryPartitionAsync(sent);
        await Kafka.ReadAsync(
            TransactionalRevenueProcessor.OutputTopic,
            records => records.Select(EosStream.Parse).ToHashSet().IsSupersetOf(sent.Select(EosStream.RevenueOf)),
            Patience,
            [successorRun.Task],
            Cancellation);
        await EosStream.WaitForCommittedAsync(Kafka, [successorRun.Task], Cancellation);
        successorRun.Task.IsCompleted.Should().BeFalse("the newer TransactionalRevenueProcessor's ProcessAsync should keep processing, every partition included, after the zombie stopped");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task Dispose_between_produce_and_commit_stops_ProcessAsync_with_ObjectDisposedException_and_commits_nothing()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var wave1 = EosStream.Distinct(0, 10);
        var wave2 = EosStream.Distinct(10, 10);
        await EosStream.SendAsync(Options, wave1, Cancellation);

        var seen = 0;
        TransactionalRevenueProcessor? killed = null;
        killed = new TransactionalRevenueProcessor(Options, "worker-1", afterProduce: records =>
        {
            if (seen >= wave1.Length && records > 0)
            {
                killed!.Dispose(); // the kill arrives between produce and commit of wave 2's first transaction
            }

            seen += records;
            return Task.CompletedTask;
        });
        using (killed)
        {
            var run = Task.Run(() => killed.ProcessAsync(Cancellation), Cancellation);
            await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length, Patience, [run], Cancellation);
            await EosStream.WaitForCommittedAsync(Kafka, [run], Cancellation);
            var committedBefore = EosStream.Committed(Options);

            await EosStream.SendAsync(Options, wave2, Cancellation);
            await FluentActions.Awaiting(() => run).Should().ThrowWithinAsync<ObjectDisposedException>(Patience, "TransactionalRevenueProcessor.Dispose() while ProcessAsync runs is a crash: ProcessAsync should stop at once and throw ObjectDisposedException (not return as if it had been cancelled)");
            EosStream.Committed(Options).Should().Equal(committedBefore, "TransactionalRevenueProcessor.Dispose() between produce and commit should leave that transaction open (no commit, no abort): the group's offsets must not move, so the next instance redoes those sales");

            // The restart gets the partitions once the killed member's session is over; a consumer the kill left
            // undisposed would go on heart-beating and hold them until its max.poll.interval.ms (5 minutes) ran out.
            var outputEnd = EosStream.EndOffsets(Options, TransactionalRevenueProcessor.OutputTopic);
            using var restarted = new TransactionalRevenueProcessor(Options, "worker-1");
            await using var restartedRun = BackgroundRun.Start(restarted.ProcessAsync, Cancellation);
            await Kafka.ReadAsync(
                TransactionalRevenueProcessor.OutputTopic,
                records => After(records, outputEnd).Select(EosStream.Parse).ToHashSet().IsSupersetOf(wave2.Select(EosStream.RevenueOf)),
                Patience,
                [restartedRun.Task],
                Cancellation);
        }
    }

    private async Task SendToEveryPartitionAsync(List<Sale> sent)
    {
        for (var partition = 0; partition < EosStream.Partitions; partition++)
        {
            var sale = EosStream.Distinct(sent.Count, 1)[0];
            await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, sale.ProductId, EosStream.Json(sale), partition);
            sent.Add(sale);
        }
    }

    // Wave 1 is processed and committed; the first transaction of wave 2 (30 sales and a malformed one) crashes after
    // producing and before committing; a new instance with the same instance id takes over.
    private async Task<CrashOutcome> CrashThenRestartAsync()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var wave1 = EosStream.Distinct(0, 30);
        var wave2 = EosStream.Distinct(30, 30);
        await EosStream.SendAsync(Options, wave1, Cancellation);

        var seen = 0;
        var crashing = new TransactionalRevenueProcessor(Options, "worker-1", afterProduce: records =>
        {
            if (seen >= wave1.Length && records > 0) // a transaction with no sales (if an answer runs one) is not wave 2's
            {
                throw new SimulatedCrash();
            }

            seen += records;
            return Task.CompletedTask;
        });
        using (crashing)
        {
            var crashedRun = Task.Run(() => crashing.ProcessAsync(Cancellation), Cancellation);
            await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= wave1.Length, Patience, [crashedRun], Cancellation);
            await EosStream.WaitForCommittedAsync(Kafka, [crashedRun], Cancellation);
            var committedBefore = EosStream.Committed(Options);

            await EosStream.SendAsync(Options, wave2, Cancellation);
            await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, "D1", Malformed, partition: 0);
            await FluentActions.Awaiting(() => crashedRun).Should().ThrowWithinAsync<SimulatedCrash>(Patience, "ProcessAsync should call the afterProduce hook after producing each batch; the hook throws in the first transaction of wave 2, between produce and commit, and ProcessAsync should let that crash out (not catch it and carry on)");
            var committedAtCrash = EosStream.Committed(Options);

            var outputEnd = EosStream.EndOffsets(Options, TransactionalRevenueProcessor.OutputTopic);
            var deadEnd = EosStream.EndOffsets(Options, TransactionalRevenueProcessor.DeadLetterTopic, partitions: 1);
            var input = await Kafka.ReadAsync(TransactionalRevenueProcessor.InputTopic, records => records.Count >= wave1.Length + wave2.Length + 1, Patience, cancellationToken: Cancellation);
            Sale[] uncommitted = [.. input
                .Where(r => r.Offset.Value >= Math.Max(0, committedAtCrash[r.Partition.Value]) && r.Message.Value != Malformed)
                .Select(r => JsonSerializer.Deserialize<Sale>(r.Message.Value, WorkbookJson.Options)!)];

            using var restarted = new TransactionalRevenueProcessor(Options, "worker-1");
            await using var run = BackgroundRun.Start(restarted.ProcessAsync, Cancellation);
            await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => After(records, outputEnd).Count >= uncommitted.Length, Patience, [run.Task], Cancellation);
            await EosStream.WaitForCommittedAsync(Kafka, [run.Task], Cancellation);
            await run.StopAsync();

            var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => After(records, outputEnd).Count >= uncommitted.Length, Patience, cancellationToken: Cancellation);
            var dead = await Kafka.ReadAsync(TransactionalRevenueProcessor.DeadLetterTopic, records => After(records, deadEnd).Count >= 1, Patience, cancellationToken: Cancellation);
            return new([.. wave1, .. wave2], uncommitted, committedBefore, committedAtCrash, output, After(output, outputEnd), dead, After(dead, deadEnd));
        }
    }

    // The records written after the given end offsets: those of the restarted instance.
    private static List<ConsumeResult<string?, string>> After(IEnumerable<ConsumeResult<string?, string>> records, IReadOnlyList<long> end) =>
        [.. records.Where(r => r.Offset.Value >= end[r.Partition.Value])];

    private sealed record CrashOutcome(
        Sale[] Sales,
        Sale[] Uncommitted,
        IReadOnlyList<long> CommittedBeforeCrash,
        IReadOnlyList<long> CommittedAtCrash,
        IReadOnlyList<ConsumeResult<string?, string>> AllOutput,
        IReadOnlyList<ConsumeResult<string?, string>> RestartOutput,
        IReadOnlyList<ConsumeResult<string?, string>> AllDeadLetters,
        IReadOnlyList<ConsumeResult<string?, string>> RestartDeadLetters);

    private sealed class SimulatedCrash() : Exception("simulated crash between produce and commit");
}
