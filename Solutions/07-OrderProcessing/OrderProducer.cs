using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;
using Workbook.Contracts.Orders;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — publishes orders to the <c>orders</c> topic, keyed by order id so that every event of one order lands
/// in one partition, in order. Idempotent producer with <c>acks=all</c>: a retry after a lost acknowledgement never
/// writes the order twice, and <see cref="CreateOrderAsync"/> returns only once the brokers have it.
/// </summary>
public sealed class OrderProducer : IDisposable
{
    /// <summary>The topic orders go to (before <see cref="KafkaOptions.Topic"/> adds its prefix).</summary>
    public const string TopicName = "orders";

    private readonly IProducer<string, string> _producer;
    private readonly string _topic;

    /// <param name="options">Where Kafka is.</param>
    public OrderProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _topic = options.Topic(TopicName);
        var config = options.ApplyTo(new ProducerConfig
        {
            ClientId = "order-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
        });
        _producer = new ProducerBuilder<string, string>(config).Build();
    }

    /// <summary>Validates the order, publishes it as JSON keyed by its id, and waits until the brokers acknowledge it.</summary>
    /// <param name="order">The order: ids and email not empty, at least one item, every quantity at least 1, total not negative.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (the record may still be written).</param>
    /// <exception cref="ArgumentException">The order is invalid (<c>ParamName</c> "order"); the message names the order's id and the field that is wrong (<c>order_id</c>, <c>user_id</c>, <c>email</c>, <c>items</c>, <c>product_id</c>, <c>quantity</c>, <c>total</c>). Nothing was published.</exception>
    /// <exception cref="ProduceException{TKey, TValue}">Kafka did not accept the order in time.</exception>
    public async Task CreateOrderAsync(Order order, CancellationToken cancellationToken = default)
    {
        OrderValidation.ThrowIfInvalid(order);
        var message = new Message<string, string>
        {
            Key = order.OrderId,
            Value = JsonSerializer.Serialize(order, WorkbookJson.Options),
        };
        await _producer.ProduceAsync(_topic, message, cancellationToken);
    }

    /// <summary>Delivers what is still queued (up to 10 s), then releases the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
