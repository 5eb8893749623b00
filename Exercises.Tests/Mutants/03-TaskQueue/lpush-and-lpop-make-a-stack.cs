// Mutant of Solutions/03-TaskQueue/TaskQueue.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: not the seed's (its RPUSH/LPOP queue is right) but the usual slip: LPUSH then LPOP, a stack that hands out the newest task first.
// Caught by: TaskQueueTests.Seed_example_counts_and_hands_out_the_oldest_task_first
using System.Text.Json;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 03 — a FIFO task queue on a Redis list: producers <c>RPUSH</c> JSON at the tail, consumers <c>LPOP</c>
/// from the head. Each command is atomic, so concurrent producers and consumers need no locking and every item
/// is taken exactly once.
/// </summary>
/// <typeparam name="T">The item type, stored as JSON.</typeparam>
public sealed class TaskQueue<T>
{
    private readonly IDatabase _redis;
    private readonly RedisKey _key;
    private readonly string _name;
    private readonly JsonSerializerOptions _json;

    /// <param name="redis">Where the queue lives.</param>
    /// <param name="name">The Redis key of the list; not empty.</param>
    /// <param name="json">How items become JSON; <see cref="WorkbookJson.Options"/> (snake_case, as the Python seed) when null.</param>
    public TaskQueue(IDatabase redis, string name = "task:queue", JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _redis = redis;
        _name = name;
        _key = name;
        _json = json ?? WorkbookJson.Options;
    }

    /// <summary>Adds the item at the tail of the queue; returns how many items are waiting now.</summary>
    /// <param name="item">The item; not null.</param>
    public Task<long> EnqueueAsync(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _redis.ListLeftPushAsync(_key, JsonSerializer.Serialize(item, _json));
    }

    /// <summary>
    /// Takes the item at the head of the queue (the oldest); default when the queue is empty.
    /// An entry that is not a valid item is removed and reported as a <see cref="MalformedQueueEntryException"/>
    /// carrying its raw text, so the next call goes on with the next entry.
    /// </summary>
    public async Task<T?> DequeueAsync()
    {
        var entry = await _redis.ListLeftPopAsync(_key);
        if (entry.IsNull)
        {
            return default;
        }

        var raw = entry.ToString();
        try
        {
            // Enqueue never stores null, so a "null" entry did not come from this class either.
            return JsonSerializer.Deserialize<T>(raw, _json)
                ?? throw new MalformedQueueEntryException(_name, raw, null);
        }
        catch (JsonException e)
        {
            throw new MalformedQueueEntryException(_name, raw, e);
        }
    }

    /// <summary>How many items are waiting.</summary>
    public Task<long> CountAsync() => _redis.ListLengthAsync(_key);
}
