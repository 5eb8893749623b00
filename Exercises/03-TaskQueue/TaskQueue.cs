using System.Text.Json;
using StackExchange.Redis;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 03 — a FIFO task queue on a Redis list, items stored as JSON.
/// Task: producers add at one end, consumers take from the other; many of each may run at once, on
/// different connections, and every item must come out exactly once. Read docs/lessons/03-task-queue.md first.
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
    public Task<long> EnqueueAsync(T item) =>
        throw new NotImplementedException("Lesson 03: implement TaskQueue.EnqueueAsync — add the item, as JSON, at the tail of the queue and return how many items are waiting. Read docs/lessons/03-task-queue.md; stuck? workbook hint 03");

    /// <summary>
    /// Takes the item at the head of the queue (the oldest); default when the queue is empty.
    /// An entry that is not a valid item is removed and reported as a <see cref="MalformedQueueEntryException"/>
    /// carrying its raw text, so the next call goes on with the next entry.
    /// </summary>
    public Task<T?> DequeueAsync() =>
        throw new NotImplementedException("Lesson 03: implement TaskQueue.DequeueAsync — take the oldest item so that no two consumers ever get the same one; default when the queue is empty; a malformed entry is removed and reported with its text. Read docs/lessons/03-task-queue.md; stuck? workbook hint 03");

    /// <summary>How many items are waiting.</summary>
    public Task<long> CountAsync() =>
        throw new NotImplementedException("Lesson 03: implement TaskQueue.CountAsync — return how many items are waiting. Read docs/lessons/03-task-queue.md; stuck? workbook hint 03");
}
