namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class ArgumentTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task Bad_arguments_are_rejected_by_the_constructors_and_the_stock_and_points_members_and_write_nothing()
    {
        var unusable = Options with { BootstrapServers = " " };
        var sender = new RecordingEmailSender();
        var constructions = new (string Call, Func<object> Construct, string ParamName)[]
        {
            ("new InventoryConsumer(options: null, redis)", () => new InventoryConsumer(null!, Db), "options"),
            ("new InventoryConsumer(options, redis: null)", () => new InventoryConsumer(Options, null!), "redis"),
            ("new LoyaltyConsumer(options: null, redis)", () => new LoyaltyConsumer(null!, Db), "options"),
            ("new LoyaltyConsumer(options, redis: null)", () => new LoyaltyConsumer(Options, null!), "redis"),
            ("new EmailConsumer(options: null, redis, sender)", () => new EmailConsumer(null!, Db, sender), "options"),
            ("new EmailConsumer(options, redis: null, sender)", () => new EmailConsumer(Options, null!, sender), "redis"),
            ("new EmailConsumer(options, redis, sender: null)", () => new EmailConsumer(Options, Db, null!), "sender"),
            ("new EmailConsumer(options, redis, sender, maxAttempts: 0)", () => new EmailConsumer(Options, Db, sender, maxAttempts: 0), "maxAttempts"),
            ("new OrderProducer(options: null)", () => new OrderProducer(null!), "options"),
        };
        foreach (var (call, construct, paramName) in constructions)
        {
            FluentActions.Invoking(construct).Should().Throw<ArgumentException>($"{call} must be rejected at once, before anything runs")
                .WithParameterName(paramName, $"the exception from {call} names the parameter it rejects");
        }

        var unusableOptions = new (string Call, Func<object> Construct)[]
        {
            ("new InventoryConsumer(options with a blank BootstrapServers, redis)", () => new InventoryConsumer(unusable, Db)),
            ("new LoyaltyConsumer(options with a blank BootstrapServers, redis)", () => new LoyaltyConsumer(unusable, Db)),
            ("new EmailConsumer(options with a blank BootstrapServers, redis, sender)", () => new EmailConsumer(unusable, Db, sender)),
        };
        foreach (var (call, construct) in unusableOptions)
        {
            FluentActions.Invoking(construct).Should().Throw<ArgumentException>($"{call} must be rejected at construction (options.Validate()), not when ProcessAsync starts");
        }

        using var inventory = new InventoryConsumer(Options, Db);
        using var loyalty = new LoyaltyConsumer(Options, Db);
        foreach (var blank in new[] { null, "", "   " })
        {
            var shown = blank is null ? "null" : $"\"{blank}\"";
            await FluentActions.Awaiting(() => inventory.GetStockAsync(blank!)).Should().ThrowAsync<ArgumentException>($"InventoryConsumer.GetStockAsync(productId: {shown}) must reject a product id that is null, empty or white space")
                .WithParameterName("productId", $"the exception from InventoryConsumer.GetStockAsync({shown}) names the parameter it rejects");
            await FluentActions.Awaiting(() => inventory.SetStockAsync(blank!, 5)).Should().ThrowAsync<ArgumentException>($"InventoryConsumer.SetStockAsync(productId: {shown}, 5) must reject a product id that is null, empty or white space")
                .WithParameterName("productId", $"the exception from InventoryConsumer.SetStockAsync({shown}, 5) names the parameter it rejects");
            await FluentActions.Awaiting(() => loyalty.GetPointsAsync(blank!)).Should().ThrowAsync<ArgumentException>($"LoyaltyConsumer.GetPointsAsync(userId: {shown}) must reject a user id that is null, empty or white space")
                .WithParameterName("userId", $"the exception from LoyaltyConsumer.GetPointsAsync({shown}) names the parameter it rejects");
        }

        await inventory.SetStockAsync("P1", 7);
        await FluentActions.Awaiting(() => inventory.SetStockAsync("P1", -1)).Should().ThrowAsync<ArgumentOutOfRangeException>("InventoryConsumer.SetStockAsync(\"P1\", units: -1) must reject a negative stock")
            .WithParameterName("units", "the exception from InventoryConsumer.SetStockAsync(\"P1\", -1) names the parameter it rejects");
        (await inventory.GetStockAsync("P1")).Should().Be(7, "a rejected InventoryConsumer.SetStockAsync(\"P1\", -1) must write nothing: P1 keeps the 7 units set before it");

        // The checks reject only what is wrong: 0 units is a valid stock.
        await inventory.SetStockAsync("P1", 0);
        (await inventory.GetStockAsync("P1")).Should().Be(0, "InventoryConsumer.SetStockAsync(\"P1\", 0) must accept 0 (not negative) and store it");
    }
}
