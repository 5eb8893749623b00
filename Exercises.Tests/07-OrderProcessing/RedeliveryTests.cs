using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class RedeliveryTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    private static readonly string[] Groups = [EmailConsumer.GroupName, InventoryConsumer.GroupName, LoyaltyConsumer.GroupName];

    [KafkaFact]
    [Rubric(Rubric.OffsetManagement)]
    public async Task Records_read_again_after_a_restart_with_rewound_offsets_are_not_applied_twice()
    {
        await CreateTopicsAsync();
        var orders = OrderSamples.Many(20);
        var sender = new RecordingEmailSender();
        using var producer = new OrderProducer(Options);
        await Task.WhenAll(orders.Select(order => producer.CreateOrderAsync(order, Cancellation)));

        // First life: process everything, then stop gracefully.
        using (var email = new EmailConsumer(Options, Db, sender))
        using (var inventory = new InventoryConsumer(Options, Db))
        using (var loyalty = new LoyaltyConsumer(Options, Db))
        {
            await inventory.SetStockAsync("P0", 500);
            await using var emailRun = BackgroundRun.Start(email.ProcessAsync, Cancellation);
            await using var inventoryRun = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);
            await using var loyaltyRun = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);
            // Wait for what each group applied, not for its commits: the graceful stop below is what must commit.
            var units = OrderSamples.UnitsPerProduct(orders);
            var points = OrderSamples.PointsPerUser(orders);
            await Eventually.UntilAsync(
                "EmailConsumer, InventoryConsumer and LoyaltyConsumer ProcessAsync to email, take out of stock and credit as points all 20 orders",
                async () =>
                {
                    var missingStock = 0;
                    foreach (var (product, taken) in units)
                    {
                        missingStock += await inventory.GetStockAsync(product) == (product == "P0" ? 500 : 0) - taken ? 0 : 1;
                    }

                    var missingPoints = 0;
                    foreach (var (user, earned) in points)
                    {
                        missingPoints += await loyalty.GetPointsAsync(user) == earned ? 0 : 1;
                    }

                    return (Emailed: sender.Sent.Count, ProductsNotYetRight: missingStock, UsersNotYetRight: missingPoints);
                },
                seen => seen.Emailed >= orders.Count && seen.ProductsNotYetRight == 0 && seen.UsersNotYetRight == 0,
                watch: [emailRun.Task, inventoryRun.Task, loyaltyRun.Task],
                cancellationToken: Cancellation);
            await emailRun.StopAsync();
            await inventoryRun.StopAsync();
            await loyaltyRun.StopAsync();
        }

        var end = GroupOffsets.End(Options, OrdersTopic, Partitions);
        var state = await ReadStateAsync();
        foreach (var group in Groups)
        {
            var committed = GroupOffsets.Committed(Options, Options.GroupId(group), OrdersTopic, Partitions);
            GroupOffsets.CaughtUp(committed, end).Should().BeTrue(
                $"{ConsumerOf(group)}.ProcessAsync, cancelled after processing every order, should have committed the end of orders [{string.Join(", ", end)}] for group {group} (commit after processing, then Close()); it committed [{string.Join(", ", committed)}] (-1001: nothing)");
        }

        // Processed but (as far as Kafka knows) never committed: every record will be read again.
        await Task.WhenAll(Groups.Select(group => Task.Run(() => GroupOffsets.RewindAsync(Options, Options.GroupId(group), OrdersTopic, Partitions, Cancellation))));
        foreach (var group in Groups)
        {
            GroupOffsets.Committed(Options, Options.GroupId(group), OrdersTopic, Partitions).Should().Equal([0L, 0L, 0L], $"the test rewound {group}");
        }

        // Second life: NEW instances of every service re-read all 20 orders.
        using (var email = new EmailConsumer(Options, Db, sender))
        using (var inventory = new InventoryConsumer(Options, Db))
        using (var loyalty = new LoyaltyConsumer(Options, Db))
        {
            await using var emailRun = BackgroundRun.Start(email.ProcessAsync, Cancellation);
            await using var inventoryRun = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);
            await using var loyaltyRun = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);
            foreach (var group in Groups)
            {
                await WaitCaughtUpAsync(group, emailRun.Task, inventoryRun.Task, loyaltyRun.Task);
            }
        }

        (await ReadStateAsync()).Should().BeEquivalentTo(state, "new InventoryConsumer and LoyaltyConsumer instances re-reading all 20 orders must not change stock or points: which orders were applied must live in Redis, not in the old instance's memory (lost on restart)");
        sender.Sent.Should().BeEquivalentTo(orders.ToDictionary(o => o.OrderId, _ => 1), "a new EmailConsumer re-reading the 20 orders must not email any of them again: each was marked {email}:sent in Redis by the first instance");
        state.Stock.Should().Be(500 - OrderSamples.UnitsPerProduct(orders)["P0"], "the first InventoryConsumer should have taken P0's ordered units out once: SetStockAsync(\"P0\", 500) minus the units ordered");

        async Task<(long Stock, Dictionary<string, long> Points)> ReadStateAsync()
        {
            using var inventory = new InventoryConsumer(Options, Db);
            using var loyalty = new LoyaltyConsumer(Options, Db);
            var points = new Dictionary<string, long>();
            foreach (var user in orders.Select(o => o.UserId).Distinct())
            {
                points[user] = await loyalty.GetPointsAsync(user);
            }

            return (await inventory.GetStockAsync("P0"), points);
        }
    }

    [KafkaFact]
    [Rubric(Rubric.OffsetManagement)]
    public async Task The_same_order_produced_twice_is_applied_once_by_every_group()
    {
        await CreateTopicsAsync();
        var sender = new RecordingEmailSender();
        using var producer = new OrderProducer(Options);
        using var email = new EmailConsumer(Options, Db, sender);
        using var inventory = new InventoryConsumer(Options, Db);
        using var loyalty = new LoyaltyConsumer(Options, Db);
        await inventory.SetStockAsync("P1", 10);

        // A producer retrying without idempotence, or a user double-clicking "buy", writes the same order twice.
        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);
        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);
        await using var emailRun = BackgroundRun.Start(email.ProcessAsync, Cancellation);
        await using var inventoryRun = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);
        await using var loyaltyRun = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);
        foreach (var group in Groups)
        {
            await WaitCaughtUpAsync(group, emailRun.Task, inventoryRun.Task, loyaltyRun.Task);
        }

        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "EmailConsumer should email ORD001 once: twice on the topic is still one order (idempotent by order id)");
        (await inventory.GetStockAsync("P1")).Should().Be(8, "InventoryConsumer should take ORD001's 2 units of P1 once (10 to 8, not 6): idempotent by order id");
        (await loyalty.GetPointsAsync("user123")).Should().Be(999, "LoyaltyConsumer should credit ORD001's 999 points once, not 1998: idempotent by order id");
    }

    [KafkaFact]
    [Rubric(Rubric.OffsetManagement)]
    public Task An_order_still_being_retried_when_the_consumer_stops_is_emailed_by_the_next_instance() =>
        StopWhileRetryingThenRestartAsync(new RecordingEmailSender(failsFor: _ => true), "retrying");

    [KafkaFact]
    [Rubric(Rubric.OffsetManagement)]
    public Task An_order_whose_send_is_under_way_when_the_consumer_stops_is_emailed_by_the_next_instance() =>
        // Each send takes 2 s (cut short if its token is cancelled) before it is refused, so the stop, right after the
        // second attempt began, lands inside a send rather than in the pause between two.
        StopWhileRetryingThenRestartAsync(new RecordingEmailSender(failsFor: _ => true, takes: TimeSpan.FromSeconds(2)), "in the middle of its second send");

    // First life: the mail server refuses ORD001 every time; the consumer is stopped gracefully while it retries. Second
    // life: a new instance in the same group, with a working mail server, must read ORD001 again.
    private async Task StopWhileRetryingThenRestartAsync(RecordingEmailSender refusing, string when)
    {
        await CreateTopicsAsync();
        await Kafka.ProduceRawAsync(OrderProducer.TopicName, "ORD001", OrderSamples.SeedJsonFromPython, partition: 0);

        using (var email = new EmailConsumer(Options, Db, refusing, maxAttempts: 1000))
        {
            await using var run = BackgroundRun.Start(email.ProcessAsync, Cancellation);
            await Eventually.UntilAsync(
                $"EmailConsumer(..., maxAttempts: 1000).ProcessAsync to try sending ORD001 at least twice (the mail server refuses it: retrying), to stop it {when}",
                () => Task.FromResult(refusing.Attempts.GetValueOrDefault("ORD001")),
                attempts => attempts >= 2,
                watch: [run.Task],
                cancellationToken: Cancellation);
            await run.StopAsync();
        }

        refusing.Sent.Should().BeEmpty("the refusing sender never sent anything");
        var end = GroupOffsets.End(Options, OrdersTopic, Partitions);
        var committed = GroupOffsets.Committed(Options, Options.GroupId(EmailConsumer.GroupName), OrdersTopic, Partitions);
        committed[0].Should().BeLessThan(end[0], $"EmailConsumer.ProcessAsync, cancelled while still retrying ORD001 (neither sent nor dead-lettered), must not commit its offset on partition 0 (end {end[0]}) when stopped {when}; it committed [{string.Join(", ", committed)}]. Storing offsets as records are consumed (EnableAutoOffsetStore = true), or marking the record when the retry was cancelled, commits an order nobody handled");

        var sender = new RecordingEmailSender();
        using (var email = new EmailConsumer(Options, Db, sender))
        {
            await using var run = BackgroundRun.Start(email.ProcessAsync, Cancellation);
            await WaitCaughtUpAsync(EmailConsumer.GroupName, run.Task);
        }

        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "a new EmailConsumer in the email-service group should read ORD001 again and email it once: the first instance stopped before ORD001 was sent or dead-lettered, so its offset must not have been stored or committed (at-least-once)");
    }
}
