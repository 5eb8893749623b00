using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 09 — writes sales to the <c>sales</c> topic (the seed's <c>send_sales</c>), keyed by product id so that
/// every sale of one product lands on one partition, in order.
/// </summary>
public sealed class SalesProducer : IDisposable
{
    private readonly IProducer<string, string> _producer;
    private readonly string _topic;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    public SalesProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _topic = options.Topic(RevenueAnalytics.InputTopic);
        _producer = new ProducerBuilder<string, string>(options.ApplyTo(new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = true,
        })).Build();
    }

    /// <summary>Writes one sale and waits until Kafka has it.</summary>
    /// <param name="sale">A product id that is not empty, a quantity of at least 1 and a price that is not negative.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement.</param>
    public async Task SendAsync(Sale sale, CancellationToken cancellationToken = default)
    {
        Validate(sale);
        var message = new Message<string, string> { Key = sale.ProductId, Value = JsonSerializer.Serialize(sale, WorkbookJson.Options) };
        await _producer.ProduceAsync(_topic, message, cancellationToken);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    /// <summary>What is wrong with a sale, or null when it is a valid one (shared with the aggregator's checks).</summary>
    internal static string? Problem(Sale? sale) => sale switch
    {
        null => "the record holds no sale",
        { ProductId: var id } when string.IsNullOrWhiteSpace(id) => "Sale.ProductId must not be empty",
        { Quantity: <= 0 } => $"Sale.Quantity must be at least 1, not {sale.Quantity}",
        { Price: < 0 } => $"Sale.Price must not be negative, not {sale.Price}",
        _ => null,
    };

    private static void Validate(Sale sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (Problem(sale) is { } problem)
        {
            throw new ArgumentException(problem + ".", nameof(sale));
        }
    }
}
