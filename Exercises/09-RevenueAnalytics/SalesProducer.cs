using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 09 — writes sales to the <c>sales</c> topic (the seed's <c>send_sales</c>).
/// Task: key every sale by its product id and reject a sale that could not be aggregated.
/// Read docs/lessons/09-revenue-analytics.md first.
/// </summary>
public sealed class SalesProducer : IDisposable
{
    private readonly KafkaOptions _options;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    public SalesProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Writes one sale and waits until Kafka has it.</summary>
    /// <param name="sale">A product id that is not empty, a quantity of at least 1 and a price that is not negative.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement.</param>
    public Task SendAsync(Sale sale, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 09: implement SalesProducer.SendAsync — reject a sale that could not be aggregated, then write it as JSON keyed by its product id, and return once Kafka has it. Read docs/lessons/09-revenue-analytics.md; stuck? workbook hint 09");

    /// <summary>Flushes and releases the producer (nothing to release until you create one).</summary>
    public void Dispose()
    {
    }
}
