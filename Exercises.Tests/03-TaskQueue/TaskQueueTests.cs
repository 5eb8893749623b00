using System.Text.Json;

namespace Workbook.Exercises.Tests.Lesson03;

[Lesson("03", Level.Beginner, Skill.Redis)]
public sealed class TaskQueueTests(RedisFixture redis) : RedisTest(redis)
{
    private const string SeedQueue = "task:queue";

    private static readonly QueuedTask Email = new("email", "user@example.com");
    private static readonly QueuedTask Sms = new("sms", "+1234567890");

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Seed_example_counts_and_hands_out_the_oldest_task_first()
    {
        var queue = new TaskQueue<QueuedTask>(Db);

        var lengths = new[] { await queue.EnqueueAsync(Email), await queue.EnqueueAsync(Sms) };
        var before = await queue.CountAsync();
        var next = await queue.DequeueAsync();
        var after = await queue.CountAsync();

        lengths.Should().Equal([1L, 2L], "EnqueueAsync returns the queue's new length: 1 after the email task, 2 after the sms task");
        before.Should().Be(2, "CountAsync() after two EnqueueAsync calls returns 2");
        next.Should().Be(Email, "DequeueAsync() hands out the oldest task first (FIFO) and the email task was enqueued first; pushing and popping at the same end (RPUSH + RPOP) makes a stack");
        after.Should().Be(1, "CountAsync() after one DequeueAsync() returns 1: the task taken is removed");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Tasks_are_stored_as_snake_case_json_that_a_python_worker_reads()
    {
        var queue = new TaskQueue<QueuedTask>(Db);

        await queue.EnqueueAsync(Email);

        ((string?)await Db.ListGetByIndexAsync(SeedQueue, 0)).Should().Be(
            """{"type":"email","to":"user@example.com"}""",
            "EnqueueAsync(new QueuedTask(\"email\", …)) RPUSHes the task to the list 'task:queue' as the seed's JSON, with snake_case names");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task A_task_pushed_by_the_python_seed_is_read()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        await Db.ListRightPushAsync(SeedQueue, """{"type": "sms", "to": "+1234567890"}""");

        (await queue.DequeueAsync()).Should().Be(Sms, "DequeueAsync() must read a task written by another language's producer: the Python seed's json.dumps puts spaces after separators");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task An_empty_queue_gives_default_and_counts_zero()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        var numbers = new TaskQueue<int>(Db, "numbers");

        (await queue.DequeueAsync()).Should().BeNull("DequeueAsync() on an empty queue returns null (default of a reference type), not an exception");
        (await queue.CountAsync()).Should().Be(0, "CountAsync() of a queue never written returns 0");
        (await numbers.DequeueAsync()).Should().Be(0, "DequeueAsync() on an empty TaskQueue<int> returns default(int), 0");

        await queue.EnqueueAsync(Email);
        await queue.DequeueAsync();
        (await queue.DequeueAsync()).Should().BeNull("DequeueAsync() after the only task was taken returns null");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task A_record_survives_the_json_round_trip()
    {
        var queue = new TaskQueue<Job>(Db, "jobs");
        var job = new Job(42, "resize \"photo\" ü 🚀", 12.5m, new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(7)), ["a", "b"], null);

        await queue.EnqueueAsync(job);
        var back = await queue.DequeueAsync();

        back.Should().BeEquivalentTo(job, "DequeueAsync() must return every property of the record as EnqueueAsync(job) stored it: decimal, offset, list, null and non-ASCII text included");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Queues_with_different_names_are_separate_and_custom_json_options_are_used()
    {
        var pascal = new TaskQueue<QueuedTask>(Db, "pascal", new JsonSerializerOptions());
        var other = new TaskQueue<QueuedTask>(Db, "other");

        await pascal.EnqueueAsync(Email);

        (await other.CountAsync()).Should().Be(0, "CountAsync() of queue 'other' is 0: a task added to 'pascal' is not in 'other'");
        ((string?)await Db.ListGetByIndexAsync("pascal", 0)).Should().Be(
            """{"Type":"email","To":"user@example.com"}""", "the JsonSerializerOptions given to the constructor replace the snake_case default");
        (await pascal.DequeueAsync()).Should().Be(Email, "DequeueAsync() on 'pascal' reads its task back with the same custom options");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Concurrent_producers_on_two_connections_keep_their_own_order_and_lose_nothing()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var databases = new[] { Db, Scope.On(second) };
        const int producers = 6;
        const int perProducer = 200;

        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var queue = new TaskQueue<Numbered>(databases[p % 2], "numbers");
            for (var n = 0; n < perProducer; n++)
            {
                await queue.EnqueueAsync(new Numbered(p, n));
            }
        })));

        var reader = new TaskQueue<Numbered>(Db, "numbers");
        (await reader.CountAsync()).Should().Be(producers * perProducer, "CountAsync() after 6 producers enqueued 200 items each on two connections returns 1,200: no push may be lost");
        var drained = new List<Numbered>();
        while (await reader.DequeueAsync() is { } item)
        {
            drained.Add(item);
        }

        drained.Should().HaveCount(producers * perProducer, "DequeueAsync() until it returns null gives back all 1,200 items")
            .And.OnlyHaveUniqueItems("every item is enqueued once and taken once");
        for (var p = 0; p < producers; p++)
        {
            drained.Where(i => i.Producer == p).Select(i => i.Sequence).Should().Equal(
                Enumerable.Range(0, perProducer), $"producer {p} enqueued its items in order, so they must come out in that order (RPUSH at the tail, LPOP at the head)");
        }
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Concurrent_consumers_on_two_connections_take_every_item_exactly_once()
    {
        await using var second = await Redis.ConnectAgainAsync();
        const int items = 1000;
        var producer = new TaskQueue<Numbered>(Db, "numbers");
        foreach (var n in Enumerable.Range(0, items))
        {
            await producer.EnqueueAsync(new Numbered(0, n));
        }

        var consumers = new[] { new TaskQueue<Numbered>(Db, "numbers"), new TaskQueue<Numbered>(Scope.On(second), "numbers") };
        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var mine = new List<Numbered>();
            while (await consumers[c % 2].DequeueAsync() is { } item)
            {
                mine.Add(item);
            }

            return mine;
        })));

        // Sorted, then compared in order: an unordered equivalence check of 1,000 items is needlessly slow.
        taken.SelectMany(t => t).Select(i => i.Sequence).Order().Should().Equal(
            Enumerable.Range(0, items), "each of the 1,000 items must be taken by exactly one of the 8 consumers: none twice, none lost");
        (await producer.CountAsync()).Should().Be(0, "CountAsync() after the consumers drained the queue returns 0");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task A_malformed_entry_is_removed_and_reported_with_the_queue_name_and_its_text()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        await queue.EnqueueAsync(Email);
        await Db.ListRightPushAsync(SeedQueue, "not json {");
        await Db.ListRightPushAsync(SeedQueue, "null");
        await queue.EnqueueAsync(Sms);

        var first = await queue.DequeueAsync();
        var garbage = () => queue.DequeueAsync();
        var error = (await garbage.Should().ThrowAsync<MalformedQueueEntryException>("DequeueAsync() on the entry 'not json {' must throw MalformedQueueEntryException: it is not a task")).Which;
        var nullEntry = (await garbage.Should().ThrowAsync<MalformedQueueEntryException>("DequeueAsync() on the entry 'null' must throw MalformedQueueEntryException: EnqueueAsync never stores null, so it is not a task")).Which;
        var last = await queue.DequeueAsync();

        first.Should().Be(Email, "the first DequeueAsync() returns the well-formed email task ahead of the bad entries");
        error.Queue.Should().Be(SeedQueue, "MalformedQueueEntryException.Queue names the queue that held the bad entry");
        error.RawEntry.Should().Be("not json {", "MalformedQueueEntryException.RawEntry keeps the removed entry's text: it must not be lost");
        error.Message.Should().Contain(SeedQueue, "the message must say which queue held the bad entry");
        error.InnerException.Should().BeOfType<JsonException>("MalformedQueueEntryException.InnerException is the parser's own error, which explains what was wrong");
        nullEntry.RawEntry.Should().Be("null", "MalformedQueueEntryException.RawEntry keeps the removed entry's text");
        last.Should().Be(Sms, "DequeueAsync() after the two bad entries returns the sms task: a bad entry must not block the tasks behind it");
        (await queue.CountAsync()).Should().Be(0, "CountAsync() is 0 at the end: the bad entries were removed from the list, not left at its head");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        await queue.EnqueueAsync(Email);

        var enqueueNull = () => queue.EnqueueAsync(null!);

        await enqueueNull.Should().ThrowAsync<ArgumentNullException>("EnqueueAsync(item: null) must reject a null item: JSON null could not be told apart from an empty queue")
            .WithParameterName("item", "the exception from EnqueueAsync(null) names the parameter it rejects");
        (await queue.CountAsync()).Should().Be(1, "a rejected EnqueueAsync(null) must not push anything");
        new Action(() => _ = new TaskQueue<QueuedTask>(Db, "")).Should().Throw<ArgumentException>("new TaskQueue<QueuedTask>(db, name: \"\") must reject an empty queue name")
            .WithParameterName("name", "the exception from new TaskQueue<QueuedTask>(db, \"\") names the parameter it rejects");
        new Action(() => _ = new TaskQueue<QueuedTask>(Db, null!)).Should().Throw<ArgumentNullException>("new TaskQueue<QueuedTask>(db, name: null) must reject a null queue name")
            .WithParameterName("name", "the exception from new TaskQueue<QueuedTask>(db, null) names the parameter it rejects");
        new Action(() => _ = new TaskQueue<QueuedTask>(null!)).Should().Throw<ArgumentNullException>("new TaskQueue<QueuedTask>(redis: null) must reject a null database")
            .WithParameterName("redis", "the exception from new TaskQueue<QueuedTask>(null) names the parameter it rejects");
        (await Scope.KeysAsync()).Should().ContainSingle("only the queue 'task:queue' was written");
    }

    private sealed record Numbered(int Producer, int Sequence);

    private sealed record Job(int Id, string Title, decimal Price, DateTimeOffset Due, IReadOnlyList<string> Tags, string? Note);
}
