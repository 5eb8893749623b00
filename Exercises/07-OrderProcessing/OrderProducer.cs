using Workbook.Contracts;
using Workbook.Contracts.Orders;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — publish orders to the <c>orders</c> topic for the email, inventory and loyalty services.
/// Task: key each record by its order id, never write an order twice when a send is retried, return only once every
/// in-sync replica has it, and reject a bad order before anything is sent. Read docs/lessons/07-order-processing.md first.
/// </summary>
public sealed class OrderProducer : IDisposable
{
    /// <summary>The topic orders go to (before <see cref="KafkaOptions.Topic"/> adds its prefix).</summary>
    public const string TopicName = "orders";

    private readonly KafkaOptions _options;

    /// <param name="options">Where Kafka is.</param>
    public OrderProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Validates the order, publishes it as JSON keyed by its id, and waits until the brokers acknowledge it.</summary>
    /// <param name="order">The order: ids and email not empty, at least one item, every quantity at least 1, total not negative.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (the record may still be written).</param>
    /// <exception cref="ArgumentException">The order is invalid (<c>ParamName</c> "order"); the message names the order's id and the field that is wrong (<c>order_id</c>, <c>user_id</c>, <c>email</c>, <c>items</c>, <c>product_id</c>, <c>quantity</c>, <c>total</c>). Nothing was published.</exception>
    public Task CreateOrderAsync(Order order, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 07: implement OrderProducer.CreateOrderAsync — reject a bad order before anything is sent, then publish it as JSON keyed by its order id, and return once the brokers have acknowledged it (a retry must never write it twice). Read docs/lessons/07-order-processing.md; stuck? workbook hint 07");

    /// <summary>Delivers what is still queued, then releases the producer.</summary>
    public void Dispose()
    {
    }
}
