using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson12;

[Lesson("12", Level.Advanced, Skill.Kafka)]
public sealed class ConsumerLagMonitorTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const string TopicName = "events";
    private static readonly int[] RecordsPerPartition = [5, 7, 8];

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task A_group_that_never_consumed_lags_by_every_record_in_each_partition()
    {
        var topic = await ProduceAsync();
        using var monitor = new ConsumerLagMonitor(Kafka.Options);

        var lag = await monitor.GetLagAsync("never-ran", TopicName, Cancellation);

        lag.Should().Equal(
            [new PartitionLag(topic, 0, null, 5, 5), new PartitionLag(topic, 1, null, 7, 7), new PartitionLag(topic, 2, null, 8, 8)],
            "ConsumerLagMonitor.GetLagAsync(\"never-ran\", \"events\") for a group with no committed offset should report CommittedOffset null and every record from the log start to the log end still to read, partition by partition");
        (await monitor.GetTotalLagAsync("never-ran", TopicName, Cancellation)).Should().Be(20, "ConsumerLagMonitor.GetTotalLagAsync(\"never-ran\", \"events\") should be the sum of the partitions' lag: all 20 records written");
    }

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task Lag_drops_by_exactly_what_the_group_committed_in_each_partition()
    {
        var topic = await ProduceAsync();
        using var monitor = new ConsumerLagMonitor(Kafka.Options);
        Commit("partial", (0, 2), (1, 7));

        var lag = await monitor.GetLagAsync("partial", TopicName, Cancellation);

        lag.Should().Equal(
            [new PartitionLag(topic, 0, 2, 5, 3), new PartitionLag(topic, 1, 7, 7, 0), new PartitionLag(topic, 2, null, 8, 8)],
            "ConsumerLagMonitor.GetLagAsync(\"partial\", \"events\") should give lag = log end - committed offset: partition 0 committed 2 of 5, partition 1 all 7, partition 2 nothing");
        (await monitor.GetTotalLagAsync("partial", TopicName, Cancellation)).Should().Be(11, "ConsumerLagMonitor.GetTotalLagAsync(\"partial\", \"events\") should be 3 + 0 + 8");

        await Kafka.ProduceRawAsync(TopicName, "k", "late", partition: 1);
        (await monitor.GetLagAsync("partial", TopicName, Cancellation))[1].Should().Be(
            new PartitionLag(topic, 1, 7, 8, 1), "ConsumerLagMonitor.GetLagAsync(\"partial\", \"events\") called again after one more record on partition 1 should read the new log end (8), so that record is lag");
    }

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task Lag_falls_to_zero_when_a_consumer_catches_up()
    {
        await ProduceAsync();
        using var monitor = new ConsumerLagMonitor(Kafka.Options);
        (await monitor.GetTotalLagAsync("reader", TopicName, Cancellation)).Should().Be(20, "ConsumerLagMonitor.GetTotalLagAsync(\"reader\", \"events\") before the group has read anything should be all 20 records");

        await using var run = BackgroundRun.Start(ct => ConsumeAndCommitAsync("reader", ct), Cancellation);
        var lag = await Eventually.UntilAsync(
            "ConsumerLagMonitor.GetLagAsync(\"reader\", \"events\") to report lag 0 on every partition once a consumer in group reader has read and committed all 20 records",
            () => monitor.GetLagAsync("reader", TopicName, Cancellation),
            partitions => partitions.Sum(p => p.Lag) == 0,
            TimeSpan.FromSeconds(20),
            [run.Task],
            Cancellation);

        lag.Select(p => p.CommittedOffset).Should().Equal([5L, 7L, 8L], "ConsumerLagMonitor.GetLagAsync should report the group's committed offsets, which for a caught-up group are the log end of every partition");
    }

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task Two_groups_on_one_topic_have_independent_lag()
    {
        await ProduceAsync();
        using var monitor = new ConsumerLagMonitor(Kafka.Options);
        Commit("fast", (0, 5), (1, 7), (2, 8));
        Commit("slow", (2, 1));

        (await monitor.GetTotalLagAsync("fast", TopicName, Cancellation)).Should().Be(0, "ConsumerLagMonitor.GetTotalLagAsync(\"fast\", \"events\") should be 0: group fast committed everything");
        (await monitor.GetTotalLagAsync("slow", TopicName, Cancellation)).Should().Be(19, "ConsumerLagMonitor.GetTotalLagAsync(\"slow\", \"events\") should be 19: group slow committed only 1 record of partition 2, whatever group fast did");
        (await monitor.GetLagAsync("slow", TopicName, Cancellation)).Select(p => p.Lag).Should().Equal([5L, 7L, 7L], "ConsumerLagMonitor.GetLagAsync(\"slow\", \"events\") should read group slow's own offsets, partition by partition");
    }

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task Bad_arguments_and_an_unknown_topic_are_rejected()
    {
        await ProduceAsync();
        using var monitor = new ConsumerLagMonitor(Kafka.Options);

        (await FluentActions.Awaiting(() => monitor.GetLagAsync("", TopicName, Cancellation)).Should().ThrowAsync<ArgumentException>("ConsumerLagMonitor.GetLagAsync(groupName: \"\", topicName: \"events\") must reject an empty group name"))
            .Which.ParamName.Should().Be("groupName", "the ArgumentException from ConsumerLagMonitor.GetLagAsync(groupName: \"\", ...) should name the parameter");
        (await FluentActions.Awaiting(() => monitor.GetLagAsync("g", " ", Cancellation)).Should().ThrowAsync<ArgumentException>("ConsumerLagMonitor.GetLagAsync(groupName: \"g\", topicName: \" \") must reject a blank topic name"))
            .Which.ParamName.Should().Be("topicName", "the ArgumentException from ConsumerLagMonitor.GetLagAsync(..., topicName: \" \") should name the parameter");
        (await FluentActions.Awaiting(() => monitor.GetTotalLagAsync(null!, TopicName, Cancellation)).Should().ThrowAsync<ArgumentNullException>("ConsumerLagMonitor.GetTotalLagAsync(groupName: null, topicName: \"events\") must be rejected"))
            .Which.ParamName.Should().Be("groupName", "the ArgumentNullException from ConsumerLagMonitor.GetTotalLagAsync(groupName: null, ...) should name the parameter");
        (await FluentActions.Awaiting(() => monitor.GetLagAsync("g", "no-such-topic", Cancellation)).Should().ThrowAsync<InvalidOperationException>("ConsumerLagMonitor.GetLagAsync(\"g\", \"no-such-topic\") must fail for a topic that does not exist, not report it as empty"))
            .WithMessage($"*{Kafka.Options.Topic("no-such-topic")}*", "the InvalidOperationException from ConsumerLagMonitor.GetLagAsync(\"g\", \"no-such-topic\") should name the missing topic");
        FluentActions.Invoking(() => new ConsumerLagMonitor(null!)).Should().Throw<ArgumentNullException>("new ConsumerLagMonitor(options: null) must be rejected")
            .Which.ParamName.Should().Be("options", "the ArgumentNullException from new ConsumerLagMonitor(options: null) should name the parameter");
        FluentActions.Invoking(() => new ConsumerLagMonitor(Kafka.Options with { BootstrapServers = " " })).Should().Throw<ArgumentException>("new ConsumerLagMonitor(options with a blank BootstrapServers) must reject the options at once (KafkaOptions.Validate), not fail later at the first call")
            .Which.ParamName.Should().Be("BootstrapServers", "the ArgumentException names the option that is wrong");
    }

    // 5, 7 and 8 records written to partitions 0, 1 and 2 explicitly, so each partition's count is known.
    private async Task<string> ProduceAsync()
    {
        var topic = await Kafka.CreateTopicAsync(TopicName, RecordsPerPartition.Length, Cancellation);
        for (var partition = 0; partition < RecordsPerPartition.Length; partition++)
        {
            for (var i = 0; i < RecordsPerPartition[partition]; i++)
            {
                await Kafka.ProduceRawAsync(TopicName, $"k{i}", $"p{partition}-{i}", partition);
            }
        }

        return topic;
    }

    // A group commits offsets without consuming: what a consumer that processed that far would have done.
    // (A commit from outside the group is accepted while the group never had a member; librdkafka's mock refuses it after.)
    private void Commit(string groupName, params (int Partition, long Offset)[] offsets)
    {
        using var consumer = new ConsumerBuilder<string, string>(Config(groupName)).Build();
        consumer.Commit([.. offsets.Select(o => new TopicPartitionOffset(Kafka.Options.Topic(TopicName), o.Partition, o.Offset))]);
    }

    private async Task ConsumeAndCommitAsync(string groupName, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var consumer = new ConsumerBuilder<string, string>(Config(groupName)).Build();
        consumer.Subscribe(Kafka.Options.Topic(TopicName));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } record)
                {
                    consumer.Commit(record);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private ConsumerConfig Config(string groupName) => Kafka.Options.ApplyTo(new ConsumerConfig
    {
        GroupId = Kafka.Options.GroupId(groupName),
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    });
}
