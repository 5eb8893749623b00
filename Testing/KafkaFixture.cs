using Workbook.Infrastructure.Kafka;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Workbook.Testing;

/// <summary>One Kafka for the whole test run, from the backend chain (WORKBOOK_KAFKA, Docker, librdkafka mock).</summary>
public sealed class KafkaFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private KafkaBackend? _backend;

    public KafkaBackend Backend => _backend ?? throw new InvalidOperationException("Kafka is not started yet.");

    /// <summary>Private topic and group names for one test.</summary>
    public KafkaScope NewScope() => new(Backend);

    public async ValueTask InitializeAsync()
    {
        _backend = await KafkaBackend.StartAsync();
        diagnostics.OnMessage(new DiagnosticMessage(_backend.Description));
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }
}
