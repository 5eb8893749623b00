using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>What the lesson 07 test classes share: the topics, and waiting for a group to catch up.</summary>
public abstract class OrderProcessingTest(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    protected const int Partitions = 3;
    protected const string DeadLetterTopic = "orders.dlq";

    private KafkaOptions? _options;

    /// <summary>
    /// The options to give the lesson classes. On librdkafka's mock a group whose last member left stays "joining" for
    /// session.timeout.ms - 1 s (44 s by default) before a new member gets in, where Apache Kafka empties it at once;
    /// a 3 s session keeps restarts quick there. Apache Kafka refuses sessions under 6 s, so it gets the defaults.
    /// </summary>
    protected KafkaOptions Options => _options ??= Kafka.Backend.IsMock
        ? Kafka.Options with
        {
            ConsumerSettings = new Dictionary<string, string>(Kafka.Options.ConsumerSettings)
            {
                ["session.timeout.ms"] = "3000",
                ["heartbeat.interval.ms"] = "500",
            },
        }
        : Kafka.Options;

    /// <summary>The real name of the orders topic.</summary>
    protected string OrdersTopic => Options.Topic(OrderProducer.TopicName);

    /// <summary>Creates <c>orders</c> and <c>orders.dlq</c> with 3 partitions each.</summary>
    protected async Task CreateTopicsAsync()
    {
        await Kafka.CreateTopicAsync(OrderProducer.TopicName, Partitions, Cancellation);
        await Kafka.CreateTopicAsync(DeadLetterTopic, Partitions, Cancellation);
    }

    /// <summary>Waits until the group has committed the end of every partition of <c>orders</c>: it processed everything.</summary>
    protected async Task WaitCaughtUpAsync(string groupName, params Task[] watch)
    {
        var groupId = Options.GroupId(groupName);
        var end = GroupOffsets.End(Options, OrdersTopic, Partitions);
        await Eventually.UntilAsync(
            $"group {groupId} to commit the end of {OrdersTopic} [{string.Join(", ", end)}]",
            () => Task.FromResult(GroupOffsets.Committed(Options, groupId, OrdersTopic, Partitions)),
            committed => GroupOffsets.CaughtUp(committed, end),
            watch: watch,
            cancellationToken: Cancellation);
    }
}
