using Confluent.Kafka;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Testing;

namespace Workbook.Tests.Backends;

public sealed class KafkaBackendTests(KafkaFixture kafka)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void The_backend_says_which_Kafka_it_is_and_whether_it_is_real()
    {
        kafka.Backend.Description.Should().StartWith("Kafka: ");
        if (kafka.Backend.Kind == BackendKind.Embedded)
        {
            kafka.Backend.IsMock.Should().BeTrue();
            kafka.Backend.Description.Should().Contain("mock cluster").And.Contain("NOT Apache Kafka").And.Contain("WORKBOOK_KAFKA");
        }
    }

    [Fact]
    public async Task A_created_topic_has_the_partitions_asked_for()
    {
        var scope = kafka.NewScope();
        var topic = await scope.CreateTopicAsync("partitions", partitions: 5, Cancellation);

        using var admin = new AdminClientBuilder(scope.Options.ApplyTo(new AdminClientConfig())).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        metadata.Topics.Single().Partitions.Should().HaveCount(5);
    }

    [Fact]
    public async Task A_consumer_group_reads_what_a_producer_wrote()
    {
        var scope = kafka.NewScope();
        var topic = await scope.CreateTopicAsync("roundtrip", partitions: 3, Cancellation);
        using (var producer = new ProducerBuilder<string, string>(scope.Options.ApplyTo(new ProducerConfig { EnableIdempotence = true })).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, Cancellation);
            }
        }

        var config = scope.Options.ApplyTo(new ConsumerConfig { GroupId = scope.Options.GroupId("reader"), AutoOffsetReset = AutoOffsetReset.Earliest });
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        await Eventually.UntilAsync(
            "30 records through a consumer group",
            () =>
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } record)
                {
                    values.Add(record.Message.Value);
                }

                return Task.FromResult(values.Count);
            },
            count => count >= 30,
            cancellationToken: Cancellation);
        consumer.Close();

        values.Should().BeEquivalentTo(Enumerable.Range(0, 30).Select(i => $"v{i}"));
    }

    [Fact]
    public async Task Topics_of_two_scopes_never_mix()
    {
        var first = kafka.NewScope();
        var second = kafka.NewScope();
        await first.CreateTopicAsync("same", 1, Cancellation);
        await second.CreateTopicAsync("same", 1, Cancellation);

        await first.ProduceRawAsync("same", "k", "first");
        await second.ProduceRawAsync("same", "k", "second");

        (await first.ReadAsync("same", r => r.Count >= 1, cancellationToken: Cancellation)).Select(r => r.Message.Value).Should().Equal("first");
        (await second.ReadAsync("same", r => r.Count >= 1, cancellationToken: Cancellation)).Select(r => r.Message.Value).Should().Equal("second");
    }
}
