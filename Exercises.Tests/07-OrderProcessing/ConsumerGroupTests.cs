using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class ConsumerGroupTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.ConsumerGroups)]
    public async Task Two_members_of_one_group_share_the_partitions_and_together_apply_each_order_once()
    {
        await CreateTopicsAsync();
        var (firstDb, first) = CommandCounter.Wrap(Db);
        var (secondDb, second) = CommandCounter.Wrap(Db);
        using var producer = new OrderProducer(Options);
        using var memberA = new InventoryConsumer(Options, firstDb);
        using var memberB = new InventoryConsumer(Options, secondDb);
        for (var p = 0; p < 5; p++)
        {
            await memberA.SetStockAsync($"P{p}", 10_000);
        }

        var before = (first.Commands, second.Commands);
        await using var runA = BackgroundRun.Start(memberA.ProcessAsync, Cancellation);
        await using var runB = BackgroundRun.Start(memberB.ProcessAsync, Cancellation);

        // Keep ordering until both members have done work: after the group settles, each owns at least one of the
        // 3 partitions, and keys spread over all of them. Waiting on the outcome, not on luck or time.
        var produced = new List<Order>();
        await Eventually.UntilAsync(
            "both InventoryConsumer instances of group inventory-service to process orders (Redis commands on each): members of one group split the partitions, so a member that never works did not join the group with Subscribe",
            async () =>
            {
                var batch = OrderSamples.Many(10, prefix: $"B{produced.Count / 10:D2}-");
                await Task.WhenAll(batch.Select(order => producer.CreateOrderAsync(order, Cancellation)));
                produced.AddRange(batch);
                return (A: first.Commands - before.Item1, B: second.Commands - before.Item2);
            },
            work => work.A > 0 && work.B > 0,
            watch: [runA.Task, runB.Task],
            cancellationToken: Cancellation);
        await WaitCaughtUpAsync(InventoryConsumer.GroupName, runA.Task, runB.Task);

        foreach (var (product, units) in OrderSamples.UnitsPerProduct(produced))
        {
            (await memberA.GetStockAsync(product)).Should().Be(10_000 - units, $"the two InventoryConsumer members together should take the {units} units of {product} in the {produced.Count} orders out once, whichever member read them (not again after a rebalance hands a partition over)");
        }
    }
}
