using Confluent.Kafka;
using Workbook.Infrastructure.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>
/// A commit that times out because its records cannot be delivered: tried again (librdkafka resumes it), and after
/// three attempts given up with a <see cref="TimeoutException"/>. The processors get an <c>operationTimeout</c> of a
/// few seconds, so a timed-out commit takes seconds, not the default 30 s. The broker leading revenue.eos is taken
/// down, so each test starts its own two-broker mock cluster (a broker down in the run's shared one would stall every
/// other test): the tests run alongside the others, need no Apache Kafka and run whichever Kafka the run uses.
/// </summary>
[Lesson("B2", Level.Advanced, Skill.Kafka)]
public sealed class TransactionalRevenueProcessorCommitTimeoutTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    // revenue.eos is led by Output; the sales, the dead letters and both coordinators by Others, which stays up.
    private const int Others = 1, Output = 2;
    private const string InstanceId = "worker-1";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Each transactional call of the processors under test may block this long (the default is 30 s).
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(4);

    [KafkaFact(TimeoutSeconds = 45)] // ~5 s to commit wave 1, 6 s of outage, then at most Patience to read wave 2
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_commit_that_times_out_is_tried_again_and_commits_once_the_broker_is_back()
    {
        using var cluster = StartCluster(out var options);
        var wave1 = EosStream.Distinct(0, 15);
        var wave2 = EosStream.Distinct(15, 15);
        var (processor, wave2Produced) = Processor(options, wave1.Length);
        using (processor)
        {
            // Not disposed by `await using`: a run that failed would rethrow its error over the assertion that explains it.
            var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
            await CommitFirstWaveAsync(cluster, options, wave1, wave2, wave2Produced, run.Task);

            // The first 4 s CommitTransaction times out meanwhile; the broker is back inside the second.
            await Task.Delay(OperationTimeout * 1.5, Cancellation);
            cluster.SetBrokerUp(Output);
            run.Task.IsCompleted.Should().BeFalse($"a CommitTransaction that times out (its records cannot reach broker {Output} within its {OperationTimeout.TotalSeconds:0} s) leaves the transaction's outcome unknown, not failed: TransactionalRevenueProcessor.ProcessAsync should call CommitTransaction again (librdkafka resumes the same commit) instead of aborting or stopping; it ended with {run.Task.Exception?.GetBaseException().Message}");

            var output = await ReadOutputAsync(options, records => records.Select(EosStream.Parse).ToHashSet().IsSupersetOf(wave2.Select(EosStream.RevenueOf)), [run.Task]);
            output.Select(EosStream.Parse).Should().BeEquivalentTo(wave1.Concat(wave2).Select(EosStream.RevenueOf), "once the broker is back, the retried CommitTransaction commits the second wave: exactly one revenue record per sale, none lost, none redone");
            run.Task.IsCompleted.Should().BeFalse("a commit that succeeds on its second attempt is not an error: TransactionalRevenueProcessor.ProcessAsync should keep running");
            await run.StopAsync();
        }
    }

    // ~5 s to commit wave 1, three 4 s attempts (about 12 s; giveUp waits 25 s), and 15 s for a loaded machine.
    [KafkaFact(TimeoutSeconds = 45)]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task A_commit_that_keeps_timing_out_fails_ProcessAsync_with_a_TimeoutException_after_three_attempts()
    {
        var giveUp = TimeSpan.FromSeconds(25);
        // A transactional producer's records fail after transaction.timeout.ms (60 s by default): long after the third
        // attempt, so every attempt times out.
        using var cluster = StartCluster(out var options);
        var wave1 = EosStream.Distinct(0, 15);
        var wave2 = EosStream.Distinct(15, 15);
        var (processor, wave2Produced) = Processor(options, wave1.Length);
        using (processor)
        {
            var run = Task.Run(() => processor.ProcessAsync(Cancellation), CancellationToken.None);
            await CommitFirstWaveAsync(cluster, options, wave1, wave2, wave2Produced, run);

            await Task.WhenAny(run, Task.Delay(giveUp, Cancellation));
            run.IsCompleted.Should().BeTrue($"while broker {Output} stays down, every CommitTransaction({OperationTimeout.TotalSeconds:0} s) times out: TransactionalRevenueProcessor.ProcessAsync should try it three times (about {3 * OperationTimeout.TotalSeconds:0} s, operationTimeout each) and then give up, not keep retrying (still running after {giveUp.TotalSeconds:0} s)");
            var failure = await FluentActions.Awaiting(() => run).Should().ThrowAsync<TimeoutException>("after three timed-out commits the transaction's outcome is unknown, and only a restart with the same instance id resolves it: TransactionalRevenueProcessor.ProcessAsync should fail with a TimeoutException that says so, not with whatever an AbortTransaction (which conflicts with the commit librdkafka keeps going) throws");
            failure.WithInnerException<KafkaRetriableException>("the TimeoutException should carry the last CommitTransaction's KafkaRetriableException as its InnerException");
        }
    }

    // revenue.eos's three partitions on Output; the sales, the dead letters, the group's and the transactional id's
    // coordinators on Others.
    private MockKafkaCluster StartCluster(out KafkaOptions options)
    {
        var cluster = MockKafkaCluster.Start(brokers: 2);
        try
        {
            // Clients reconnect to the broker that comes back within 200 ms, not after librdkafka's backoff of up to 10 s.
            options = Kafka.Options with
            {
                BootstrapServers = cluster.BootstrapServers,
                ClientSettings = new Dictionary<string, string>(Kafka.Options.ClientSettings) { ["reconnect.backoff.max.ms"] = "200" },
            };
            foreach (var (name, partitions, leader) in new[]
            {
                (TransactionalRevenueProcessor.InputTopic, EosStream.Partitions, Others),
                (TransactionalRevenueProcessor.OutputTopic, EosStream.Partitions, Output),
                (TransactionalRevenueProcessor.DeadLetterTopic, 1, Others),
            })
            {
                var topic = options.Topic(name);
                cluster.CreateTopic(topic, partitions);
                for (var partition = 0; partition < partitions; partition++)
                {
                    cluster.SetPartitionLeader(topic, partition, leader);
                }
            }

            var group = options.GroupId(TransactionalRevenueProcessor.GroupName);
            cluster.SetGroupCoordinator(group, Others);
            cluster.SetTransactionCoordinator($"{group}.{InstanceId}", Others);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    // A processor whose afterProduce completes the task once a batch after the first wave has been produced.
    private static (TransactionalRevenueProcessor Processor, TaskCompletionSource Wave2Produced) Processor(KafkaOptions options, int wave1)
    {
        var seen = 0;
        var wave2Produced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new TransactionalRevenueProcessor(options, InstanceId, operationTimeout: OperationTimeout, afterProduce: records =>
        {
            if (seen >= wave1 && records > 0)
            {
                wave2Produced.TrySetResult();
            }

            seen += records;
            return Task.CompletedTask;
        });
        return (processor, wave2Produced);
    }

    // Wave 1 committed with every broker up; then Output goes down and wave 2 is sent, and the wait ends when its
    // records are produced: the commit that follows cannot deliver them.
    private static async Task CommitFirstWaveAsync(MockKafkaCluster cluster, KafkaOptions options, Sale[] wave1, Sale[] wave2, TaskCompletionSource wave2Produced, Task run)
    {
        await EosStream.SendAsync(options, wave1, Cancellation);
        await ReadOutputAsync(options, records => records.Count >= wave1.Length, [run]);
        cluster.SetBrokerDown(Output);
        await EosStream.SendAsync(options, wave2, Cancellation);
        await Eventually.UntilAsync(
            "TransactionalRevenueProcessor.ProcessAsync to produce the second wave of sales (afterProduce called for it)",
            () => Task.FromResult(wave2Produced.Task.IsCompleted),
            done => done,
            Patience,
            [run],
            Cancellation);
    }

    // Reads revenue.eos on this test's own cluster, read_committed, from the beginning.
    private static Task<IReadOnlyList<ConsumeResult<string?, string>>> ReadOutputAsync(
        KafkaOptions options,
        Func<IReadOnlyList<ConsumeResult<string?, string>>, bool> done,
        IEnumerable<Task> watch) =>
        KafkaScope.ReadTopicAsync(options, TransactionalRevenueProcessor.OutputTopic, done, Patience, watch, Cancellation);
}
