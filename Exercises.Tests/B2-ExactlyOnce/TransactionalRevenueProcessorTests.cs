using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

[Lesson("B2", Level.Advanced, Skill.Kafka)]
public sealed class TransactionalRevenueProcessorTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task Every_sale_gives_exactly_one_committed_revenue_record_and_the_group_commits_to_the_end()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        Sale[] sales = [new("P1", 2, 10.0m), new("P2", 1, 20.0m), new("P1", 3, 10.0m), .. EosStream.Distinct(0, 60)];
        await EosStream.SendAsync(Options, sales, Cancellation);

        using (var processor = new TransactionalRevenueProcessor(Options, "worker-1"))
        {
            await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
            await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= sales.Length, Patience, [run.Task], Cancellation);
            await EosStream.WaitForCommittedAsync(Kafka, [run.Task], Cancellation);
            await run.StopAsync();
        }

        // Read again after the stop: nothing more may have arrived.
        var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= sales.Length, Patience, cancellationToken: Cancellation);
        var revenues = output.Select(EosStream.Parse).ToList();
        revenues.Should().BeEquivalentTo(sales.Select(EosStream.RevenueOf), "TransactionalRevenueProcessor.ProcessAsync should write exactly one record to revenue.eos per sale, none missing, none twice, and nothing after it was stopped");
        output.Should().AllSatisfy(r => r.Message.Key.Should().Be(EosStream.Parse(r).ProductId, "TransactionalRevenueProcessor.ProcessAsync should key each record on revenue.eos by its product id"));
        output.Should().AllSatisfy(r => r.Message.Value.Should().Contain("\"product_id\"", "TransactionalRevenueProcessor.ProcessAsync's records on revenue.eos use the seed's snake_case JSON").And.Contain("\"revenue\"", "TransactionalRevenueProcessor.ProcessAsync's records on revenue.eos use the seed's snake_case JSON"));
        revenues.Where(r => r.ProductId == "P1").Sum(r => r.Revenue).Should().Be(50.0m, "the seed's example: ProcessAsync's revenue records for P1 should add up to 2 x 10.0 + 3 x 10.0, exactly, in decimal");
        revenues.Where(r => r.ProductId == "P2").Sum(r => r.Revenue).Should().Be(20.0m, "the seed's example: ProcessAsync's revenue record for P2 should be 1 x 20.0");
        var end = EosStream.EndOffsets(Options, TransactionalRevenueProcessor.InputTopic);
        EosStream.Committed(Options).Should().Equal(EosStream.ExpectedCommitted(Kafka, end), "TransactionalRevenueProcessor.ProcessAsync should commit the group's offsets inside its transactions, up to the last sale, and never outside them (no plain Commit, no auto-commit)");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task Malformed_sales_go_to_the_dead_letter_topic_in_the_transaction_and_processing_continues()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        string[] malformed =
        [
            "not json at all",
            """{"product_id":"","quantity":1,"price":1.0}""",
            """{"product_id":"P1","quantity":0,"price":1.0}""",
            """{"product_id":"P1","quantity":1,"price":-1.0}""",
            """{"product_id":"P1","quantity":1}""",
            """{"product_id":"P1","quantity":1,"price":"1.0"}""",
            """{"product_id":"P1","quantity":1.5,"price":1.0}""",
            """{"product_id":"P1","quantity":2,"price":79228162514264337593543950335}""", // revenue past decimal.MaxValue
        ];
        await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, "P1", """{"product_id":"P1","quantity":1,"price":1.5}""", partition: 0);
        var sources = new List<string>();
        foreach (var value in malformed)
        {
            var written = await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, "P1", value, partition: 0);
            sources.Add($"{written.Topic}:{written.Partition.Value}:{written.Offset.Value}");
        }

        await Kafka.ProduceRawAsync(TransactionalRevenueProcessor.InputTopic, "P1", """{"product_id":"P1","quantity":2,"price":0.25,"note":"extra fields are fine"}""", partition: 0);

        using var processor = new TransactionalRevenueProcessor(Options, "worker-1");
        await using var run = BackgroundRun.Start(processor.ProcessAsync, Cancellation);
        var dead = await Kafka.ReadAsync(TransactionalRevenueProcessor.DeadLetterTopic, records => records.Count >= malformed.Length, Patience, [run.Task], Cancellation);
        var output = await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= 2, Patience, [run.Task], Cancellation);
        await EosStream.WaitForCommittedAsync(Kafka, [run.Task], Cancellation);

        output.Select(EosStream.Parse).Should().BeEquivalentTo([new SaleRevenue("P1", 1.5m), new SaleRevenue("P1", 0.50m)], "TransactionalRevenueProcessor.ProcessAsync should write revenue for the two valid sales only, the one after the malformed ones too");
        dead.Select(r => r.Message.Value).Should().Equal(malformed, "TransactionalRevenueProcessor.ProcessAsync should send each malformed record to sales.eos.dlq unchanged, once, in order");
        dead.Select(r => $"{EosStream.Header(r, DeadLetterHeaders.SourceTopic)}:{EosStream.Header(r, DeadLetterHeaders.SourcePartition)}:{EosStream.Header(r, DeadLetterHeaders.SourceOffset)}")
            .Should().Equal(sources, "each dead letter on sales.eos.dlq should carry the topic, partition and offset of the original in its dlq.source.* headers");
        dead.Should().AllSatisfy(r => EosStream.Header(r, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace("each dead letter on sales.eos.dlq should say what was wrong in its dlq.error header"));
        dead.Should().AllSatisfy(r => EosStream.Header(r, DeadLetterHeaders.ConsumerGroup).Should().Be(Options.GroupId(TransactionalRevenueProcessor.GroupName), "each dead letter on sales.eos.dlq should name the group in its dlq.consumer.group header"));
        run.Task.IsCompleted.Should().BeFalse("TransactionalRevenueProcessor.ProcessAsync should still be running after the malformed records: a poison message must not stop consumption");
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task ProcessAsync_runs_in_the_background_and_when_cancelled_leaves_the_group_and_throws_OperationCanceledException()
    {
        await EosStream.CreateTopicsAsync(Kafka, Cancellation);
        var sales = EosStream.Distinct(0, 5);
        await EosStream.SendAsync(Options, sales, Cancellation);
        using var processor = new TransactionalRevenueProcessor(Options, "worker-1");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        // As `_ = processor.ProcessAsync(stoppingToken)` in a hosted service: the call hands back the running task.
        var call = Task.Factory.StartNew(() => processor.ProcessAsync(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await FluentActions.Awaiting(() => call).Should().CompleteWithinAsync(TimeSpan.FromSeconds(10), "TransactionalRevenueProcessor.ProcessAsync(token) should return its task to the caller at once and run in the background (InitTransactions and Consume block a thread: never the caller's), as `_ = processor.ProcessAsync(stoppingToken)` needs");
        }
        finally
        {
            if (!call.IsCompleted)
            {
                await stop.CancelAsync(); // frees the thread the call is blocking
            }
        }

        var run = call.Result;
        await Kafka.ReadAsync(TransactionalRevenueProcessor.OutputTopic, records => records.Count >= sales.Length, Patience, [run], Cancellation);
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => run).Should().ThrowWithinAsync<OperationCanceledException>(Patience, "TransactionalRevenueProcessor.ProcessAsync should finish its transaction when its token is cancelled and then throw OperationCanceledException, not return as if the work were done");
        if (!Kafka.Backend.IsMock) // the mock keeps a member that left until its session ends anyway
        {
            using var admin = new AdminClientBuilder(Options.ApplyTo(new AdminClientConfig())).Build();
            var group = (await admin.DescribeConsumerGroupsAsync([Options.GroupId(TransactionalRevenueProcessor.GroupName)])).ConsumerGroupDescriptions.Single();
            group.Members.Should().BeEmpty("a cancelled TransactionalRevenueProcessor.ProcessAsync should leave group revenue-eos at once (consumer.Close()), so the next instance gets the partitions without waiting for a session timeout");
        }
    }

    [KafkaFact]
    [Rubric(Rubric.ExactlyOnce)]
    public async Task Bad_arguments_are_rejected_and_a_disposed_processor_does_not_start()
    {
        // No broker answers at this address: a disposed processor must throw before it connects to anything.
        var disposed = new TransactionalRevenueProcessor(Options with { BootstrapServers = "127.0.0.1:1" }, "worker-1");
        disposed.Dispose();
        await FluentActions.Awaiting(() => disposed.ProcessAsync(Cancellation)).Should().ThrowAsync<ObjectDisposedException>("ProcessAsync on a disposed TransactionalRevenueProcessor must throw ObjectDisposedException before it creates a producer or calls InitTransactions (here no broker answers): Dispose is a crash, and a disposed processor must not start (nor fence a running instance with its id)");

        FluentActions.Invoking(() => new TransactionalRevenueProcessor(null!, "worker-1")).Should().Throw<ArgumentNullException>("new TransactionalRevenueProcessor(options: null, \"worker-1\") must be rejected")
            .Which.ParamName.Should().Be("options", "the ArgumentNullException from new TransactionalRevenueProcessor(options: null, ...) should name the parameter");
        FluentActions.Invoking(() => new TransactionalRevenueProcessor(Options, null!)).Should().Throw<ArgumentNullException>("new TransactionalRevenueProcessor(options, instanceId: null) must be rejected")
            .Which.ParamName.Should().Be("instanceId", "the ArgumentNullException from new TransactionalRevenueProcessor(options, instanceId: null) should name the parameter");
        FluentActions.Invoking(() => new TransactionalRevenueProcessor(Options, " ")).Should().Throw<ArgumentException>("new TransactionalRevenueProcessor(options, instanceId: \" \") must reject a blank instance id (it makes the transactional id)")
            .Which.ParamName.Should().Be("instanceId", "the ArgumentException from new TransactionalRevenueProcessor(options, instanceId: \" \") should name the parameter");
        FluentActions.Invoking(() => new TransactionalRevenueProcessor(Options with { BootstrapServers = "" }, "worker-1")).Should().Throw<ArgumentException>("new TransactionalRevenueProcessor(options with BootstrapServers = \"\", \"worker-1\") must reject options that name no broker");
        FluentActions.Invoking(() => new TransactionalRevenueProcessor(Options, "worker-1", operationTimeout: TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>("new TransactionalRevenueProcessor(options, \"worker-1\", operationTimeout: TimeSpan.Zero) must be rejected: no transactional call can succeed in no time")
            .Which.ParamName.Should().Be("operationTimeout", "the ArgumentOutOfRangeException from new TransactionalRevenueProcessor(..., operationTimeout: TimeSpan.Zero) should name the parameter");
    }
}
