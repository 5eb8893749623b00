using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>What the lesson 07 test classes share: the topics, and waiting for a group to catch up.</summary>
public abstract class OrderProcessingTest(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    protected const int Partitions = 3;
    protected const string DeadLetterTopic = "orders.dlq";

    /// <summary>The options to give the lesson classes (the backend already tunes the mock's consumer sessions).</summary>
    protected KafkaOptions Options => Kafka.Options;

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
            $"{ConsumerOf(groupName)}.ProcessAsync (group {groupName}) to commit offsets [{string.Join(", ", end)}] on orders partitions 0-{Partitions - 1}, " +
            "the end of each, after processing every record (-1001: never committed; a consumer with no commit strategy never gets there)",
            () => Task.FromResult(GroupOffsets.Committed(Options, groupId, OrdersTopic, Partitions)),
            committed => GroupOffsets.CaughtUp(committed, end),
            watch: watch,
            cancellationToken: Cancellation);
    }

    /// <summary>The lesson class that consumes as <paramref name="groupName"/>, for failure messages.</summary>
    protected static string ConsumerOf(string groupName) => groupName switch
    {
        EmailConsumer.GroupName => nameof(EmailConsumer),
        InventoryConsumer.GroupName => nameof(InventoryConsumer),
        LoyaltyConsumer.GroupName => nameof(LoyaltyConsumer),
        _ => $"the consumer of group {groupName}",
    };
}
