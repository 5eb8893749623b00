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

        await Eventually.UntilAsync("ORD001 to be emailed", () => Task.FromResult(sender.Sent.Count), n => n >= 1, watch: runs, cancellationToken: Cancellation);
        await Eventually.UntilAsync("stock of P1 to drop by 2", () => inventory.GetStockAsync("P1"), s => s <= 8, watch: runs, cancellationToken: Cancellation);
        await Eventually.UntilAsync("user123 to earn points", () => loyalty.GetPointsAsync("user123"), p => p > 0, watch: runs, cancellationToken: Cancellation);
        await WaitCaughtUpAsync(EmailConsumer.GroupName, runs);
        await WaitCaughtUpAsync(InventoryConsumer.GroupName, runs);
        await WaitCaughtUpAsync(LoyaltyConsumer.GroupName, runs);

        sender.Sent.Should().Equal(new Dictionary<string, int> { ["ORD001"] = 1 }, "ORD001 is confirmed exactly once");
        sender.Recipients.Should().Equal(["user@example.com"], "the confirmation goes to the order's email");
        (await inventory.GetStockAsync("P1")).Should().Be(8, "2 of the 10 units of P1 were ordered");
        (await loyalty.GetPointsAsync("user123")).Should().Be(999, "floor(99.99 * 10) = 999 points, computed in decimal (a float gives 999.9000000000001 or 999.8999)");
        (await loyalty.GetPointsAsync("someone-else")).Should().Be(0, "a user who never ordered has 0 points");
        (await inventory.GetStockAsync("P-never-stocked")).Should().Be(0, "a product never stocked has 0 units");
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

        sender.Sent.Should().BeEquivalentTo(orders.ToDictionary(o => o.OrderId, _ => 1), "the email group confirms every order exactly once");
        foreach (var (product, units) in OrderSamples.UnitsPerProduct(orders))
        {
            (await inventory.GetStockAsync(product)).Should().Be(1_000 - units, $"the inventory group takes the {units} ordered units of {product} out exactly once");
        }

        foreach (var (user, points) in OrderSamples.PointsPerUser(orders))
        {
            (await loyalty.GetPointsAsync(user)).Should().Be(points, $"the loyalty group credits {user} once per order");
        }
    }
}
