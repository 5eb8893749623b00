using Confluent.Kafka;
using Workbook.Lessons;

namespace Workbook.Shop.Hosting;

/// <summary>
/// Creates the topics the shop uses (<c>orders</c>, <c>orders.dlq</c>) before the relay and the consumers start: the
/// mock has no CreateTopics API and real brokers may forbid auto-creation. Existing topics are left as they are.
/// </summary>
internal sealed partial class KafkaTopics(ShopBackends backends, ILogger<KafkaTopics> logger) : IHostedService
{
    public const int Partitions = 3;

    public static readonly IReadOnlyList<string> Names = [OrderProducer.TopicName, OrderConsumerLoop.DeadLetterTopicName];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (backends.KafkaBackend is not { } kafka)
        {
            return;
        }

        foreach (var topic in Names)
        {
            try
            {
                await kafka.CreateTopicAsync(backends.Kafka.Topic(topic), Partitions, cancellationToken: cancellationToken);
            }
            catch (Exception error) when (error is KafkaException or InvalidOperationException)
            {
                CreateFailed(logger, topic, error.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create topic {Topic}: {Reason}")]
    private static partial void CreateFailed(ILogger logger, string topic, string reason);
}
