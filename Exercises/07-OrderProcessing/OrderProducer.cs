using Workbook.Contracts;
using Workbook.Contracts.Orders;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 07 — publish orders to the <c>orders</c> topic for the email, inventory and loyalty services.
/// Task: key each record by its order id, use an idempotent producer with <c>acks=all</c>, wait for the
/// acknowledgement, and reject a bad order before anything is sent. Read docs/lessons/07-order-processing.md first.
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
    public Task CreateOrderAsync(Order order, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 07: implement OrderProducer.CreateOrderAsync — validate (ArgumentException, ParamName \"order\"), then ProduceAsync the WorkbookJson of the order to options.Topic(\"orders\") with Key = OrderId (EnableIdempotence, Acks.All).");

    /// <summary>Delivers what is still queued, then releases the producer.</summary>
    public void Dispose()
    {
    }
}
