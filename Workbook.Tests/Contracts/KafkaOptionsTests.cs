using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Tests.Contracts;

public sealed class KafkaOptionsTests
{
    private static readonly KafkaOptions Options = new()
    {
        BootstrapServers = "broker:9092",
        ClientSettings = new Dictionary<string, string> { ["socket.timeout.ms"] = "1234" },
        ConsumerSettings = new Dictionary<string, string> { ["session.timeout.ms"] = "3000" },
        ProducerSettings = new Dictionary<string, string> { ["message.timeout.ms"] = "30000" },
    };

    [Fact]
    public void Every_client_gets_the_common_settings_and_only_its_own_role_settings()
    {
        var consumer = Options.ApplyTo(new ConsumerConfig());
        var producer = Options.ApplyTo(new ProducerConfig());
        var admin = Options.ApplyTo(new AdminClientConfig());

        foreach (var config in new ClientConfig[] { consumer, producer, admin })
        {
            config.BootstrapServers.Should().Be("broker:9092");
            config.Get("socket.timeout.ms").Should().Be("1234", $"{config.GetType().Name} gets ClientSettings");
        }

        consumer.Get("session.timeout.ms").Should().Be("3000");
        consumer.Get("message.timeout.ms").Should().BeNull("a producer property on a consumer only earns a librdkafka warning");
        producer.Get("message.timeout.ms").Should().Be("30000");
        producer.Get("session.timeout.ms").Should().BeNull("a consumer property on a producer only earns a librdkafka warning");
        admin.Get("session.timeout.ms").Should().BeNull();
        admin.Get("message.timeout.ms").Should().BeNull();
    }
}
