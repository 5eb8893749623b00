using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

// The outage takes down a broker of the run's shared mock cluster, which leads partitions of every other test's
// topics too: run alone, so that no other test sees it.
[CollectionDefinition(nameof(OrderOutageCollection), DisableParallelization = true)]
public sealed class OrderOutageCollection;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
[Collection(nameof(OrderOutageCollection))]
public sealed class BrokerOutageTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task Orders_acknowledged_around_a_leader_outage_are_each_on_the_topic_once_and_applied_once()
    {
        RequireMockCluster("a partition leader is taken down while orders are produced, then brought back");
        await CreateTopicsAsync();
        var mock = Kafka.Backend.Mock!;
        using var producer = new OrderProducer(Options);
        using var inventory = new InventoryConsumer(Options, Db);
        await inventory.SetStockAsync("P1", 1_000);
        await using var run = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);

        var before = Enumerable.Range(0, 10).Select(i => OrderSamples.One($"ORD-A{i:D2}")).ToArray();
        foreach (var order in before)
        {
            await producer.CreateOrderAsync(order, Cancellation);
        }

        int leader;
        using (var admin = new AdminClientBuilder(Options.ApplyTo(new AdminClientConfig())).Build())
        {
            leader = admin.GetMetadata(OrdersTopic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == 0).Leader;
        }

        var during = Enumerable.Range(0, 30).Select(i => OrderSamples.One($"ORD-B{i:D2}")).ToArray();
        Task[] sends;
        mock.SetBrokerDown(leader);
        try
        {
            sends = [.. during.Select(order => producer.CreateOrderAsync(order, Cancellation))];
            await Eventually.UntilAsync(
                $"OrderProducer.CreateOrderAsync to acknowledge some of the {during.Length} orders sent while broker {leader}, the leader of orders partition 0, is down (orders for the other partitions need not wait for it)",
                () => Task.FromResult(sends.Count(s => s.IsCompletedSuccessfully)),
                n => n > 0,
                watch: [run.Task],
                cancellationToken: Cancellation);
        }
        finally
        {
            mock.SetBrokerUp(leader);
        }

        await Task.WhenAll(sends);
        var acknowledged = before.Concat(during).Select(o => o.OrderId).ToArray();

        var records = await Kafka.ReadAsync(OrderProducer.TopicName, r => r.Count >= acknowledged.Length, cancellationToken: Cancellation);
        records.Select(r => r.Message.Key).Should().BeEquivalentTo(acknowledged, "every order CreateOrderAsync acknowledged, before and during the outage, should be on orders exactly once: none lost (Acks.All), and no duplicate from the retries after the leader came back (EnableIdempotence)");
        await WaitCaughtUpAsync(InventoryConsumer.GroupName, run.Task);
        (await inventory.GetStockAsync("P1")).Should().Be(1_000 - acknowledged.Length, $"InventoryConsumer.ProcessAsync should take 1 unit of P1 once for each of the {acknowledged.Length} acknowledged orders: SetStockAsync(\"P1\", 1000) minus {acknowledged.Length}");
    }
}
