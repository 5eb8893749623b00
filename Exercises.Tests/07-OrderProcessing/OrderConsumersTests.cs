using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class OrderConsumersTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.MultipleConsumers)]
    public async Task Seed_example_is_emailed_once_taken_from_stock_and_earns_999_points()
    {
        await CreateTopicsAsync();
        var sender = new RecordingEmailSender();
        using var producer = new OrderProducer(Options);
        using var email = new EmailConsumer(Options, Db, sender);
        using var inventory = new InventoryConsumer(Options, Db);
        using var loyalty = new LoyaltyConsumer(Options, Db);
        await inventory.SetStockAsync("P1", 10);
        await using var emailRun = BackgroundRun.Start(email.ProcessAsync, Cancellation);
        await using var inventoryRun = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);
        await using var loyaltyRun = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);
        Task[] runs = [emailRun.Task, inventoryRun.Task, loyaltyRun.Task];

        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);

        await Eventually.UntilAsync("EmailConsumer.ProcessAsync to email ORD001 through IEmailSender", () => Task.FromResult(sender.Sent.Count), n => n >= 1, watch: runs, cancellationToken: Cancellation);
        await Eventually.UntilAsync("InventoryConsumer.ProcessAsync to take ORD001's 2 units of P1 out of stock (10 to 8)", () => inventory.GetStockAsync("P1"), s => s <= 8, watch: runs, cancellationToken: Cancellation);
        await Eventually.UntilAsync("LoyaltyConsumer.ProcessAsync to credit user123 with points for ORD001", () => loyalty.GetPointsAsync("user123"), p => p > 0, watch: runs, cancellationToken: Cancellation);
        await WaitCaughtUpAsync(EmailConsumer.GroupName, runs);
        await WaitCaughtUpAsync(InventoryConsumer.GroupName, runs);
        await WaitCaughtUpAsync(LoyaltyConsumer.GroupName, runs);

        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "EmailConsumer.ProcessAsync should confirm ORD001 exactly once");
        sender.Recipients.Should().Equal(["user@example.com"], "EmailConsumer should send ORD001's confirmation to the order's email");
        (await inventory.GetStockAsync("P1")).Should().Be(8, "InventoryConsumer.ProcessAsync should take ORD001's 2 units out once: SetStockAsync(\"P1\", 10) minus 2");
        (await loyalty.GetPointsAsync("user123")).Should().Be(999, "LoyaltyConsumer.ProcessAsync should credit ORD001's floor(99.99 * 10) = 999 points, computed on the decimal total (money as a float gives 999.9000000000001 or 999.8999)");
        (await loyalty.GetPointsAsync("someone-else")).Should().Be(0, "LoyaltyConsumer.GetPointsAsync(\"someone-else\") should be 0 for a user who never ordered");
        (await inventory.GetStockAsync("P-never-stocked")).Should().Be(0, "InventoryConsumer.GetStockAsync(\"P-never-stocked\") should be 0 for a product never stocked");
    }

    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task A_consumer_started_before_the_orders_topic_exists_applies_the_orders_sent_once_it_does()
    {
        using var loyalty = new LoyaltyConsumer(Options, Db);
        await using var run = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);

        // Long enough for the consumer to ask for orders and hear that it does not exist yet (the broker answers in
        // milliseconds); only then are the topics created and the first order sent.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        await CreateTopicsAsync();
        using var producer = new OrderProducer(Options);
        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);

        await Eventually.UntilAsync(
            "LoyaltyConsumer.ProcessAsync, started before the orders topic existed, to credit user123 with ORD001's 999 points once the topic was created and ORD001 sent (a consumer that lets the broker's \"Unknown topic or partition\" ConsumeException out stops before the first order exists)",
            () => loyalty.GetPointsAsync("user123"),
            p => p == 999,
            watch: [run.Task],
            cancellationToken: Cancellation);
    }

    [KafkaFact]
    [Rubric(Rubric.MultipleConsumers)]
    public async Task Each_of_the_three_groups_applies_each_of_100_orders_exactly_once()
    {
        await CreateTopicsAsync();
        var orders = OrderSamples.Many(100);
        var sender = new RecordingEmailSender();
        using var producer = new OrderProducer(Options);
        using var email = new EmailConsumer(Options, Db, sender);
        using var inventory = new InventoryConsumer(Options, Db);
        using var loyalty = new LoyaltyConsumer(Options, Db);
        for (var p = 0; p < 5; p++)
        {
            await inventory.SetStockAsync($"P{p}", 1_000);
        }

        await using var emailRun = BackgroundRun.Start(email.ProcessAsync, Cancellation);
        await using var inventoryRun = BackgroundRun.Start(inventory.ProcessAsync, Cancellation);
        await using var loyaltyRun = BackgroundRun.Start(loyalty.ProcessAsync, Cancellation);
        Task[] runs = [emailRun.Task, inventoryRun.Task, loyaltyRun.Task];

        await Task.WhenAll(orders.Select(order => producer.CreateOrderAsync(order, Cancellation)));
        await WaitCaughtUpAsync(EmailConsumer.GroupName, runs);
        await WaitCaughtUpAsync(InventoryConsumer.GroupName, runs);
        await WaitCaughtUpAsync(LoyaltyConsumer.GroupName, runs);

        sender.Sent.Should().BeEquivalentTo(orders.ToDictionary(o => o.OrderId, _ => 1), "EmailConsumer.ProcessAsync should confirm each of the 100 orders exactly once (an order missing here was lost, e.g. committed before it was processed; a 2 was emailed twice)");
        foreach (var (product, units) in OrderSamples.UnitsPerProduct(orders))
        {
            (await inventory.GetStockAsync(product)).Should().Be(1_000 - units, $"InventoryConsumer.ProcessAsync should take the {units} ordered units of {product} out exactly once: SetStockAsync(\"{product}\", 1000) minus {units}");
        }

        foreach (var (user, points) in OrderSamples.PointsPerUser(orders))
        {
            (await loyalty.GetPointsAsync(user)).Should().Be(points, $"LoyaltyConsumer.ProcessAsync should credit {user} floor(total * 10) once per order, {points} points in all");
        }
    }
}
