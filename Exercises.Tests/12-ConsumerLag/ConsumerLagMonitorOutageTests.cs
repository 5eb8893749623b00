using Confluent.Kafka;
using Workbook.Infrastructure.Kafka;

namespace Workbook.Exercises.Tests.Lesson12;

/// <summary>
/// A broker that GetLagAsync needs is up but does not answer: the call fails within its stated bound (about 10 s)
/// instead of librdkafka's default of 60 s. Each test starts its own two-broker mock cluster: a broker slowed in the
/// run's shared one would stall every other test's clients on it, and only the monitor's own bound is tested here,
/// so the tests need no Apache Kafka and run whichever Kafka the run uses.
/// </summary>
[Lesson("12", Level.Advanced, Skill.Kafka)]
public sealed class ConsumerLagMonitorOutageTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private const string TopicName = "events";
    private const string GroupName = "watched";
    private const int Answering = 1, Silent = 2;

    // Twice the stated 10 s, to leave a loaded machine room; librdkafka's default would wait 60 s.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task A_group_coordinator_that_does_not_answer_fails_the_call_within_its_bound()
    {
        using var cluster = StartCluster(leaders: [Answering, Answering, Answering], coordinator: Silent, out var options);
        using var monitor = new ConsumerLagMonitor(options);

        await FluentActions.Awaiting(() => monitor.GetLagAsync(GroupName, TopicName, Cancellation).WaitAsync(Bound, Cancellation))
            .Should().ThrowAsync<KafkaException>($"ConsumerLagMonitor.GetLagAsync(\"{GroupName}\", \"{TopicName}\") must fail with a KafkaException within about 10 s (waited {Bound.TotalSeconds:0} s) when the group's coordinator accepts connections but never answers: the committed offsets cannot be read, and a monitor must not hang (pass a RequestTimeout to ListConsumerGroupOffsetsAsync; its default is 60 s)");
    }

    [KafkaFact]
    [Rubric(Rubric.Monitoring)]
    public async Task A_partition_leader_that_does_not_answer_fails_the_call_within_its_bound()
    {
        using var cluster = StartCluster(leaders: [Answering, Silent, Answering], coordinator: Answering, out var options);
        using var monitor = new ConsumerLagMonitor(options);

        await FluentActions.Awaiting(() => monitor.GetLagAsync(GroupName, TopicName, Cancellation).WaitAsync(Bound, Cancellation))
            .Should().ThrowAsync<KafkaException>($"ConsumerLagMonitor.GetLagAsync(\"{GroupName}\", \"{TopicName}\") must fail with a KafkaException within about 10 s (waited {Bound.TotalSeconds:0} s) when the leader of partition 1 accepts connections but never answers (partitions 0 and 2 answer): its log offsets cannot be read, and a monitor must neither hang (pass a RequestTimeout to ListOffsetsAsync; its default is 60 s) nor report the unread partition (ListOffsets gives it Offset.Unset, with no error)");
    }

    // The topic's 3 partitions and the group's coordinator placed on the two brokers; the Silent one then delays every
    // answer by 30 s. The monitor is given only the Answering broker's address, so its metadata requests never go to
    // the Silent one (which, answering nothing, never completes a connection).
    private MockKafkaCluster StartCluster(int[] leaders, int coordinator, out KafkaOptions options)
    {
        var cluster = MockKafkaCluster.Start(brokers: 2);
        try
        {
            options = Kafka.Options with { BootstrapServers = cluster.BootstrapServers };
            var topic = options.Topic(TopicName);
            cluster.CreateTopic(topic, leaders.Length);
            for (var partition = 0; partition < leaders.Length; partition++)
            {
                cluster.SetPartitionLeader(topic, partition, leaders[partition]);
            }

            cluster.SetGroupCoordinator(options.GroupId(GroupName), coordinator);
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
            {
                var broker = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single(b => b.BrokerId == Answering);
                options = options with { BootstrapServers = $"{broker.Host}:{broker.Port}" };
            }

            cluster.SetBrokerRoundTripTime(Silent, TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }
}
