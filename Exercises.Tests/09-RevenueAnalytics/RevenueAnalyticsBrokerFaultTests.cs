using System.Diagnostics;
using Confluent.Kafka;
using Workbook.Infrastructure.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson09;

/// <summary>
/// Brokers that do not cooperate: a leader of the revenue topic that is down, so the updates stay queued and the flush
/// gives up, and a group coordinator that refuses a commit because the group is rebalancing. Each test starts its own
/// librdkafka mock cluster (a broker set down, or an error injected, in the run's shared one would hit every other
/// test's clients too), so the tests need no Apache Kafka and run whichever Kafka the run uses.
/// </summary>
[Lesson("09", Level.Advanced, Skill.Kafka)]
public sealed class RevenueAnalyticsBrokerFaultTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const int Answering = 1, Holding = 2;
    private const int SalesPartitions = 1, RevenuePartitions = 3;
    private const short OffsetCommit = 8; // the Kafka protocol's api key of OffsetCommit

    // The first instance's flush bound, short so the test need not wait out the default 30 s.
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(3);

    // How long the test watches for a commit: well past FlushTimeout, so a processor that commits once its flush gives
    // up has done so by then, with room for a loaded machine.
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(8);

    // Waits out the processor's flush bound (HeldFor, 8 s), then a restart: about 12 s here, so the default 30 s fits.
    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Sales_whose_revenue_updates_are_still_queued_when_the_flush_gives_up_are_not_committed()
    {
        using var cluster = StartCluster(brokers: 2, out var options);
        var revenue = options.Topic(RevenueAnalytics.OutputTopic);
        for (var partition = 0; partition < RevenuePartitions; partition++)
        {
            cluster.SetPartitionLeader(revenue, partition, Holding);
        }

        var sales = SalesStream.Random(30, seed: 11);
        var expected = SalesStream.Totals(sales);
        await SalesStream.SendAllAsync(options, sales, Cancellation);

        // The leader of every revenue partition is down: the updates neither arrive nor fail (message.timeout.ms is
        // 300 s by default), they stay queued, and a Flush with a bound returns with all of them still there.
        cluster.SetBrokerDown(Holding);
        var first = new RevenueAnalytics(options, Db, FlushTimeout);
        var firstRun = Task.Run(() => first.ProcessAsync(Cancellation), Cancellation);
        try
        {
            await SalesStream.TotalsReachedAsync(first, expected, [firstRun], Cancellation);
            var held = Stopwatch.StartNew();
            while (held.Elapsed < HeldFor && !firstRun.IsCompleted && SalesStream.Committed(options, SalesPartitions).All(offset => offset <= 0))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
            }

            SalesStream.Committed(options, SalesPartitions).Should().AllSatisfy(offset => offset.Should().BeLessThanOrEqualTo(
                0,
                $"RevenueAnalytics stored all 30 sales in Redis, but none of their revenue updates was delivered (the leader of revenue is down: the updates are still queued, not failed), so it must commit no offset past 0 on sales (-1001: never committed), not even after its flush gives up (flushTimeout: {FlushTimeout.TotalSeconds:0} s; watched for up to {HeldFor.TotalSeconds:0} s): " +
                "Flush(timeout) returns how many messages are still queued when it gives up; commit only when it returns 0 and no delivery report carried an error"));
        }
        finally
        {
            cluster.SetBrokerUp(Holding);
            first.Dispose(); // a kill, whatever it was doing
        }

        await FluentActions.Awaiting(() => firstRun).Should().ThrowAsync<Exception>("RevenueAnalytics.ProcessAsync stops when it is killed with Dispose(), if it has not failed already because its revenue updates were not delivered");

        using var second = new RevenueAnalytics(options, Db);
        await using (var run = BackgroundRun.Start(second.ProcessAsync, Cancellation))
        {
            await SalesStream.WaitUntilCommittedAsync(options, SalesPartitions, [run.Task], Cancellation);
            await run.StopAsync();
        }

        (await second.GetAllTotalsAsync()).Should().BeEquivalentTo(expected, "every sale was stored once by the first RevenueAnalytics; a new one that reads them again must skip them");
        var updates = await ReadAllAsync(options, RevenueAnalytics.OutputTopic);
        updates.Select(SalesStream.Parse).GroupBy(u => u.ProductId).ToDictionary(g => g.Key, g => g.Last().TotalRevenue).Should().BeEquivalentTo(
            expected,
            "the last update per product on revenue should equal its total once the broker is back and a new instance has run: the first instance's updates were not delivered when its flush gave up, so it must not have committed those sales; " +
            "either it delivered them later and committed then, or the next instance reads the sales again and writes their current totals");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task A_commit_refused_because_the_group_is_rebalancing_does_not_stop_the_processor()
    {
        using var cluster = StartCluster(brokers: 1, out var options);
        var sales = SalesStream.Random(40, seed: 13);
        var expected = SalesStream.Totals(sales);
        await SalesStream.SendAllAsync(options, sales.Take(20), Cancellation);

        // The coordinator refuses the processor's first commit the way it refuses one from a member while its group
        // rebalances; the partitions may then move to another member, which reads those sales again.
        cluster.PushRequestErrors(OffsetCommit, ErrorCode.RebalanceInProgress);
        using var analytics = new RevenueAnalytics(options, Db);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var run = Task.Run(() => analytics.ProcessAsync(stop.Token), Cancellation);
        await SalesStream.TotalsReachedAsync(analytics, SalesStream.Totals(sales.Take(20)), [run], Cancellation);

        await SalesStream.SendAllAsync(options, sales.Skip(20), Cancellation);
        var totals = await Eventually.UntilAsync(
            $"RevenueAnalytics.ProcessAsync to count the 20 sales sent after its first commit was refused with RebalanceInProgress (totals adding up to {expected.Values.Sum()}): " +
            "a commit refused because the group is rebalancing (RebalanceInProgress, IllegalGeneration, UnknownMemberId) is harmless, since whoever owns the partitions next reads those sales again and the state skips them, so it must not end ProcessAsync",
            analytics.GetAllTotalsAsync,
            current => current.Values.Sum() >= expected.Values.Sum(),
            TimeSpan.FromSeconds(20),
            [run],
            Cancellation);
        await SalesStream.WaitUntilCommittedAsync(options, SalesPartitions, [run], Cancellation);
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>("RevenueAnalytics.ProcessAsync(token) should go on after a commit refused with RebalanceInProgress, and commit, leave the group and throw OperationCanceledException when its token is cancelled");

        totals.Should().BeEquivalentTo(expected, "every sale is counted once, before and after the refused commit");
    }

    // A cluster of its own: every topic's partitions led by broker 1 (Answering), which also coordinates the group.
    // The lesson's clients are given only broker 1's address, so none of them depends on broker 2 to start.
    private MockKafkaCluster StartCluster(int brokers, out KafkaOptions options)
    {
        var cluster = MockKafkaCluster.Start(brokers);
        try
        {
            options = Kafka.Options with { BootstrapServers = cluster.BootstrapServers, ConsumerSettings = KafkaBackend.MockConsumerSettings };
            foreach (var (name, partitions) in new[] { (RevenueAnalytics.InputTopic, SalesPartitions), (RevenueAnalytics.OutputTopic, RevenuePartitions), (RevenueAnalytics.DeadLetterTopic, 1) })
            {
                var topic = options.Topic(name);
                cluster.CreateTopic(topic, partitions);
                for (var partition = 0; partition < partitions; partition++)
                {
                    cluster.SetPartitionLeader(topic, partition, Answering);
                }
            }

            cluster.SetGroupCoordinator(options.GroupId(RevenueAnalytics.GroupName), Answering);
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
            {
                var broker = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single(b => b.BrokerId == Answering);
                options = options with { BootstrapServers = $"{broker.Host}:{broker.Port}" };
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    // Every record on one of the lesson's topics of this cluster, read from the start without a group.
    private async Task<IReadOnlyList<ConsumeResult<string?, string>>> ReadAllAsync(KafkaOptions options, string name)
    {
        var end = SalesStream.EndOffsets(options, RevenuePartitions, name).Sum();
        return await KafkaScope.ReadTopicAsync(options, name, records => records.Count >= end, TimeSpan.FromSeconds(20), cancellationToken: Cancellation);
    }
}
