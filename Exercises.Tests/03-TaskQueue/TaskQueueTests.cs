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

        lengths.Should().Equal([1L, 2L], "EnqueueAsync returns the queue's new length");
        before.Should().Be(2, "two tasks were added");
        next.Should().Be(Email, "the queue is FIFO: the email task was added first");
        after.Should().Be(1, "one task was taken");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Tasks_are_stored_as_snake_case_json_that_a_python_worker_reads()
    {
        var queue = new TaskQueue<QueuedTask>(Db);

        await queue.EnqueueAsync(Email);

        ((string?)await Db.ListGetByIndexAsync(SeedQueue, 0)).Should().Be(
            """{"type":"email","to":"user@example.com"}""",
            "the task is RPUSHed to the list 'task:queue' as the seed's JSON, with snake_case names");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task A_task_pushed_by_the_python_seed_is_read()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        // What the seed's json.dumps writes: spaces after separators.
        await Db.ListRightPushAsync(SeedQueue, """{"type": "sms", "to": "+1234567890"}""");

        (await queue.DequeueAsync()).Should().Be(Sms, "a task written by another language's producer must be readable");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task An_empty_queue_gives_default_and_counts_zero()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        var numbers = new TaskQueue<int>(Db, "numbers");

        (await queue.DequeueAsync()).Should().BeNull("nothing was enqueued");
        (await queue.CountAsync()).Should().Be(0);
        (await numbers.DequeueAsync()).Should().Be(0, "an empty queue of a value type gives default(T)");

        await queue.EnqueueAsync(Email);
        await queue.DequeueAsync();
        (await queue.DequeueAsync()).Should().BeNull("the only task was already taken");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task A_record_survives_the_json_round_trip()
    {
        var queue = new TaskQueue<Job>(Db, "jobs");
        var job = new Job(42, "resize \"photo\" ü 🚀", 12.5m, new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(7)), ["a", "b"], null);

        await queue.EnqueueAsync(job);
        var back = await queue.DequeueAsync();

        back.Should().BeEquivalentTo(job, "every property of the record must come back as it went in");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Queues_with_different_names_are_separate_and_custom_json_options_are_used()
    {
        var pascal = new TaskQueue<QueuedTask>(Db, "pascal", new JsonSerializerOptions());
        var other = new TaskQueue<QueuedTask>(Db, "other");

        await pascal.EnqueueAsync(Email);

        (await other.CountAsync()).Should().Be(0, "a task added to 'pascal' is not in 'other'");
        ((string?)await Db.ListGetByIndexAsync("pascal", 0)).Should().Be(
            """{"Type":"email","To":"user@example.com"}""", "the JsonSerializerOptions given to the constructor replace the snake_case default");
        (await pascal.DequeueAsync()).Should().Be(Email);
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
        (await reader.CountAsync()).Should().Be(producers * perProducer);
        var drained = new List<Numbered>();
        while (await reader.DequeueAsync() is { } item)
        {
            drained.Add(item);
        }

        drained.Should().HaveCount(producers * perProducer).And.OnlyHaveUniqueItems("every item is enqueued once and taken once");
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
        (await producer.CountAsync()).Should().Be(0);
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
        var error = (await garbage.Should().ThrowAsync<MalformedQueueEntryException>("'not json {' is not a task")).Which;
        var nullEntry = (await garbage.Should().ThrowAsync<MalformedQueueEntryException>("'null' is not a task: EnqueueAsync never stores null")).Which;
        var last = await queue.DequeueAsync();

        first.Should().Be(Email);
        error.Queue.Should().Be(SeedQueue);
        error.RawEntry.Should().Be("not json {", "the removed entry's text must not be lost");
        error.Message.Should().Contain(SeedQueue, "the message must say which queue held the bad entry");
        error.InnerException.Should().BeOfType<JsonException>("the parser's own error explains what was wrong");
        nullEntry.RawEntry.Should().Be("null");
        last.Should().Be(Sms, "a bad entry must not block the tasks behind it");
        (await queue.CountAsync()).Should().Be(0);
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var queue = new TaskQueue<QueuedTask>(Db);
        await queue.EnqueueAsync(Email);

        var enqueueNull = () => queue.EnqueueAsync(null!);

        (await enqueueNull.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("item");
        (await queue.CountAsync()).Should().Be(1, "a rejected item must not be pushed");
        new Action(() => _ = new TaskQueue<QueuedTask>(Db, "")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
        new Action(() => _ = new TaskQueue<QueuedTask>(Db, null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("name");
        new Action(() => _ = new TaskQueue<QueuedTask>(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("redis");
        (await Scope.KeysAsync()).Should().ContainSingle("only the queue 'task:queue' was written");
    }

    private sealed record Numbered(int Producer, int Sequence);

    private sealed record Job(int Id, string Title, decimal Price, DateTimeOffset Due, IReadOnlyList<string> Tags, string? Note);
}
