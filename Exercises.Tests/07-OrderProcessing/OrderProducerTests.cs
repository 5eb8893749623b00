using System.Text.Json;
using Workbook.Contracts.Orders;

namespace Workbook.Exercises.Tests.Lesson07;

[Lesson("07", Level.Intermediate, Skill.Kafka)]
public sealed class OrderProducerTests(KafkaFixture kafka, RedisFixture redis) : OrderProcessingTest(kafka, redis)
{
    [KafkaFact]
    [Rubric(Rubric.ConsumerGroups)]
    public async Task Orders_are_keyed_by_order_id_in_the_seeds_json_and_one_orders_records_share_a_partition()
    {
        await CreateTopicsAsync();
        using var producer = new OrderProducer(Options);

        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);
        foreach (var order in OrderSamples.Many(9))
        {
            await producer.CreateOrderAsync(order, Cancellation);
        }

        await producer.CreateOrderAsync(OrderSamples.Seed, Cancellation);

        // CreateOrderAsync waited for the acknowledgement, so everything is readable now.
        var records = await Kafka.ReadAsync(OrderProducer.TopicName, r => r.Count >= 11, cancellationToken: Cancellation);
        records.Select(r => r.Message.Key).Should().HaveCount(11, "11 OrderProducer.CreateOrderAsync calls (ORD001, 9 others, ORD001 again) should write 11 records to orders");
        var notKeyedByOrderId = records.Select(r => (Key: r.Message.Key, OrderId: JsonDocument.Parse(r.Message.Value, default).RootElement.GetProperty("order_id").GetString()))
            .Where(r => r.Key != r.OrderId).Select(r => $"order {r.OrderId} keyed {r.Key ?? "null"}");
        notKeyedByOrderId.Should().BeEmpty("OrderProducer.CreateOrderAsync should key every record by its order id (a null or other key breaks per-order ordering)");
        records.Where(r => r.Message.Key == "ORD001").Select(r => r.Partition.Value).Distinct().Should().ContainSingle("both OrderProducer.CreateOrderAsync(ORD001) records should be on one partition: records with one key always go to one partition, so one order's events stay in order");

        using var json = JsonDocument.Parse(records.First(r => r.Message.Key == "ORD001").Message.Value);
        var root = json.RootElement;
        const string wrote = "OrderProducer.CreateOrderAsync(ORD001) should write the seed's snake_case JSON (WorkbookJson.Options)";
        root.GetProperty("order_id").GetString().Should().Be("ORD001", $"{wrote}: order_id");
        root.GetProperty("user_id").GetString().Should().Be("user123", $"{wrote}: user_id");
        root.GetProperty("email").GetString().Should().Be("user@example.com", $"{wrote}: email");
        root.GetProperty("items")[0].GetProperty("product_id").GetString().Should().Be("P1", $"{wrote}: items[0].product_id");
        root.GetProperty("items")[0].GetProperty("quantity").GetInt32().Should().Be(2, $"{wrote}: items[0].quantity");
        root.GetProperty("total").GetDecimal().Should().Be(99.99m, $"{wrote}: total 99.99 exactly, as a JSON number (money as decimal, not a double)");
    }

    [KafkaFact]
    [Rubric(Rubric.ErrorHandling)]
    public async Task Bad_orders_are_rejected_with_ParamName_and_nothing_is_produced()
    {
        await CreateTopicsAsync();
        using var producer = new OrderProducer(Options);
        var good = OrderSamples.Seed;
        var bad = new (string Why, Order Order, string Field)[]
        {
            ("empty order id", good with { OrderId = "" }, "order_id"),
            ("blank user id", good with { UserId = "  " }, "user_id"),
            ("empty email", good with { Email = "" }, "email"),
            ("no items", good with { Items = [] }, "items"),
            ("a null item", good with { Items = [new OrderItem("P1", 1), null!] }, "items"),
            ("quantity 0", good with { Items = [new OrderItem("P1", 0)] }, "quantity"),
            ("negative quantity", good with { Items = [new OrderItem("P1", 2), new OrderItem("P2", -1)] }, "quantity"),
            ("empty product id", good with { Items = [new OrderItem("", 1)] }, "product_id"),
            ("negative total", good with { Total = -0.01m }, "total"),
        };

        var rejectNull = () => producer.CreateOrderAsync(null!, Cancellation);
        (await rejectNull.Should().ThrowAsync<ArgumentNullException>("OrderProducer.CreateOrderAsync(order: null) must be rejected"))
            .Which.ParamName.Should().Be("order", "the ArgumentNullException from OrderProducer.CreateOrderAsync(order: null) should name the parameter");
        foreach (var (why, order, field) in bad)
        {
            var reject = () => producer.CreateOrderAsync(order, Cancellation);
            var rejected = (await reject.Should().ThrowAsync<ArgumentException>($"OrderProducer.CreateOrderAsync(an order with {why}) must reject the invalid order")).Which;
            rejected.ParamName.Should().Be("order", $"the ArgumentException from OrderProducer.CreateOrderAsync(an order with {why}) should name the parameter");
            rejected.Message.Should().Contain(field, $"the ArgumentException from OrderProducer.CreateOrderAsync(an order with {why}) should say in words what is wrong: it names the field, {field}");
            if (!string.IsNullOrEmpty(order.OrderId))
            {
                rejected.Message.Should().Contain(order.OrderId, $"the ArgumentException from OrderProducer.CreateOrderAsync(an order with {why}) should name the order it rejects, {order.OrderId}");
            }
        }

        // The boundary of "total not negative": a free order (total 0) is a valid order.
        var free = () => producer.CreateOrderAsync(good with { OrderId = "ORD-GOOD", Total = 0m }, Cancellation);
        await free.Should().NotThrowAsync("OrderProducer.CreateOrderAsync(an order with total 0) must accept it: the total must not be negative, and 0 is not (rejecting it is the classic total <= 0 slip)");
        var records = await Kafka.ReadAsync(OrderProducer.TopicName, r => r.Count >= 1, cancellationToken: Cancellation);
        records.Select(r => r.Message.Key).Should().Equal(["ORD-GOOD"], "a CreateOrderAsync call that threw must not reach orders (validate before producing); only ORD-GOOD (total 0), sent after them, belongs there");
    }
}
