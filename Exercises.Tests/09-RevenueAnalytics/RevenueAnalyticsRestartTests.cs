using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson09;

/// <summary>Real restarts: a processor stopped or killed mid-stream, a new instance in its place, exact totals after.</summary>
[Lesson("09", Level.Advanced, Skill.Kafka)]
public sealed class RevenueAnalyticsRestartTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const int Partitions = 3;

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task A_graceful_stop_mid_stream_then_a_new_instance_ends_with_exact_totals()
    {
        var sales = await SendSalesAsync(500, seed: 9);
        var expected = SalesStream.Totals(sales);

        using (var first = new RevenueAnalytics(Options, Db))
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation))
        {
            var run = Task.Run(() => first.ProcessAsync(stop.Token), Cancellation);
            await Eventually.UntilAsync("the first RevenueAnalytics.ProcessAsync to apply some of the 500 sales (GetAllTotalsAsync not empty)", first.GetAllTotalsAsync, totals => totals.Count > 0, TimeSpan.FromSeconds(20), [run], Cancellation);
            await stop.CancelAsync();
            await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>("RevenueAnalytics.ProcessAsync(token) should commit, leave the group and then throw OperationCanceledException when its token is cancelled, not return as if the stream had ended");
        }

        await RestartAndExpectAsync(expected, "after a graceful stop and a restart");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task A_crash_mid_stream_without_commit_then_a_new_instance_ends_with_exact_totals()
    {
        var sales = await SendSalesAsync(500, seed: 12);
        var expected = SalesStream.Totals(sales);

        var crashed = new RevenueAnalytics(Options, Db);
        var crashedRun = Task.Run(() => crashed.ProcessAsync(Cancellation), Cancellation);
        await Eventually.UntilAsync("the first RevenueAnalytics.ProcessAsync to apply some of the 500 sales (GetAllTotalsAsync not empty)", crashed.GetAllTotalsAsync, totals => totals.Count > 0, TimeSpan.FromSeconds(20), [crashedRun], Cancellation);
        crashed.Dispose(); // a kill: no final commit, no Close
        await FluentActions.Awaiting(() => crashedRun).Should().ThrowAsync<ObjectDisposedException>("RevenueAnalytics.Dispose() should stop a running ProcessAsync at once with an ObjectDisposedException, like a crash: no final commit");

        await RestartAndExpectAsync(expected, "after a crash and a restart");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Records_applied_but_not_committed_are_not_applied_twice_on_restart()
    {
        var sales = await SendSalesAsync(300, seed: 3);
        var expected = SalesStream.Totals(sales);
        await RestartAndExpectAsync(expected, "after the first run");

        // Kafka now says nothing was processed, Redis says everything was: exactly the state after a crash between
        // updating the totals and committing the offsets.
        await SalesStream.RewindGroupAsync(Options, Partitions, Cancellation);
        SalesStream.Committed(Options, Partitions).Should().Equal([0L, 0L, 0L], "the group was rewound to the start");

        await RestartAndExpectAsync(expected, "after re-reading every sale already applied");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task A_sale_whose_state_could_not_be_stored_is_read_again_by_the_next_instance()
    {
        var sales = await SendSalesAsync(30, seed: 5);
        var expected = SalesStream.Totals(sales);

        // Redis is gone before the first sale: that sale is read from Kafka, but its total cannot be stored.
        var gone = await RedisFixture.ConnectAgainAsync();
        using (var failing = new RevenueAnalytics(Options, RedisScope.On(gone)))
        {
            await gone.DisposeAsync();
            var failingRun = Task.Run(() => failing.ProcessAsync(Cancellation), Cancellation);
            await Task.WhenAny(failingRun, Task.Delay(TimeSpan.FromSeconds(10), Cancellation)); // it fails, or keeps retrying until killed here
            failing.Dispose();
            await FluentActions.Awaiting(() => failingRun).Should().ThrowAsync<Exception>("RevenueAnalytics.ProcessAsync cannot go on without Redis: it fails, or it is killed with Dispose()");
        }

        SalesStream.Committed(Options, Partitions).Should().AllSatisfy(offset => offset.Should().BeLessThanOrEqualTo(0, "a RevenueAnalytics whose Redis was gone stored no sale, so it must commit no offset past 0 on any sales partition (-1001: never committed); with EnableAutoCommit = true, closing the consumer after the failure commits the offset of the sale it read but could not store"));

        await RestartAndExpectAsync(expected, "after an instance whose Redis was gone read a sale it could not store (its offset must not be committed: auto-commit, EnableAutoCommit = true, commits what was read when the consumer closes)");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Sales_whose_revenue_updates_were_not_delivered_are_not_committed()
    {
        await Kafka.CreateTopicAsync(RevenueAnalytics.InputTopic, Partitions, Cancellation);
        await Kafka.CreateTopicAsync(RevenueAnalytics.DeadLetterTopic, 1, Cancellation);
        var sales = SalesStream.Random(30, seed: 7);
        var expected = SalesStream.Totals(sales);
        await SalesStream.SendAllAsync(Options, sales, Cancellation);

        // The revenue topic does not exist yet and may not be created on the fly: every update this instance writes fails.
        var undeliverable = Options with
        {
            ProducerSettings = new Dictionary<string, string>(Options.ProducerSettings)
            {
                ["allow.auto.create.topics"] = "false",
                ["topic.metadata.propagation.max.ms"] = "100",
                ["message.timeout.ms"] = "2000",
            },
        };
        using (var failing = new RevenueAnalytics(undeliverable, Db))
        {
            var failingRun = Task.Run(() => failing.ProcessAsync(Cancellation), Cancellation);
            await Task.WhenAny(failingRun, Task.Delay(TimeSpan.FromSeconds(10), Cancellation)); // it fails, or keeps retrying until killed here
            failing.Dispose();
            await FluentActions.Awaiting(() => failingRun).Should().ThrowAsync<Exception>("RevenueAnalytics.ProcessAsync cannot go on when its revenue updates are not delivered: it fails, or it is killed with Dispose()");
        }

        SalesStream.Committed(Options, Partitions).Should().AllSatisfy(offset => offset.Should().BeLessThanOrEqualTo(0, "a RevenueAnalytics none of whose revenue updates were delivered must commit no offset past 0 on any sales partition (-1001: never committed): commit only after Flush returned 0 and no delivery report carried an error"));

        await Kafka.CreateTopicAsync(RevenueAnalytics.OutputTopic, Partitions, Cancellation);
        await RestartAndExpectAsync(expected, "after an instance whose revenue updates all failed");
        var written = SalesStream.EndOffsets(Options, Partitions, RevenueAnalytics.OutputTopic).Sum();
        var updates = await Kafka.ReadAsync(RevenueAnalytics.OutputTopic, records => records.Count >= written, TimeSpan.FromSeconds(20), cancellationToken: Cancellation);
        LastPerProduct(updates).Should().BeEquivalentTo(
            expected,
            "the last update per product on revenue should equal its total after the restart: the first instance's updates were never delivered, so it must not have committed those sales " +
            "(commit only after Flush returned 0 and no delivery report carried an error); the next instance then reads them again and writes their totals");
    }

    [KafkaFact]
    [Rubric(Rubric.ComplexAggregations)]
    public async Task Two_instances_in_one_group_at_once_give_exact_totals()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        var sales = SalesStream.Random(400, seed: 2);
        var expected = SalesStream.Totals(sales);
        await using var second = await RedisFixture.ConnectAgainAsync();
        using var one = new RevenueAnalytics(Options, Db);
        using var two = new RevenueAnalytics(Options, RedisScope.On(second));

        await using var runOne = BackgroundRun.Start(one.ProcessAsync, Cancellation);
        await using var runTwo = BackgroundRun.Start(two.ProcessAsync, Cancellation);
        await SalesStream.SendAllAsync(Options, sales.Take(200), Cancellation); // while the group is still forming
        await SalesStream.SendAllAsync(Options, sales.Skip(200), Cancellation);
        await SalesStream.TotalsReachedAsync(one, expected, [runOne.Task, runTwo.Task], Cancellation);
        await runOne.StopAsync(); // its partitions move to the other instance
        await SalesStream.WaitUntilCommittedAsync(Options, Partitions, [runTwo.Task], Cancellation);
        await runTwo.StopAsync();

        (await two.GetAllTotalsAsync()).Should().BeEquivalentTo(expected, "two RevenueAnalytics members of one group share the partitions; when one stops, the rebalance must not lose a sale or count one twice");
    }

    // The last update per product on revenue (one product's updates share a partition, so they are read in order).
    private static Dictionary<string, decimal> LastPerProduct(IEnumerable<Confluent.Kafka.ConsumeResult<string?, string>> records) =>
        records.Select(SalesStream.Parse).GroupBy(u => u.ProductId).ToDictionary(g => g.Key, g => g.Last().TotalRevenue);

    private async Task<Sale[]> SendSalesAsync(int count, int seed)
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        var sales = SalesStream.Random(count, seed);
        await SalesStream.SendAllAsync(Options, sales, Cancellation);
        return sales;
    }

    // A new instance with the same group: it must reach the expected totals, commit everything, and not overshoot.
    private async Task RestartAndExpectAsync(IReadOnlyDictionary<string, decimal> expected, string when)
    {
        using var analytics = new RevenueAnalytics(Options, Db);
        await using var run = BackgroundRun.Start(analytics.ProcessAsync, Cancellation);
        await SalesStream.TotalsReachedAsync(analytics, expected, [run.Task], Cancellation);
        await SalesStream.WaitUntilCommittedAsync(Options, Partitions, [run.Task], Cancellation);
        await run.StopAsync();

        (await analytics.GetAllTotalsAsync()).Should().BeEquivalentTo(
            expected,
            $"a new RevenueAnalytics in the same group should end with every sale counted exactly once {when}: a total short of it lost sales (offsets committed before the sales were applied), " +
            "one over it counted sales twice (applied but not committed, then applied again; or state kept in memory and lost on restart)");
    }
}
