using StackExchange.Redis;

namespace Workbook.Tests.Backends;

/// <summary>
/// What a persistent Redis must keep across a restart, written the ways the shop writes: a Lua script (carts,
/// analytics and markers are scripts), a hash, a sorted set, and a key with a TTL that must keep its TTL.
/// </summary>
internal static class PersistenceProbe
{
    private const string Script = "redis.call('HINCRBY', KEYS[1], 'P1', 2); redis.call('INCRBY', KEYS[2], 1250); return 1";

    public static async Task WriteAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var db = connection.GetDatabase();
        await db.ScriptEvaluateAsync(Script, ["cart:alice", "revenue"]);
        await db.ScriptEvaluateAsync(Script, ["cart:alice", "revenue"]);
        await db.SortedSetAddAsync("top", "P3", 7);
        await db.StringSetAsync("marker", "1", TimeSpan.FromHours(1));
    }

    public static async Task ShouldHoldWhatWasWrittenAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var db = connection.GetDatabase();
        ((long)await db.HashGetAsync("cart:alice", "P1")).Should().Be(4, "both script runs are replayed, once each");
        ((long)await db.StringGetAsync("revenue")).Should().Be(2500);
        (await db.SortedSetScoreAsync("top", "P3")).Should().Be(7);
        ((string?)await db.StringGetAsync("marker")).Should().Be("1");
        (await db.KeyTimeToLiveAsync("marker")).Should().BeGreaterThan(TimeSpan.FromMinutes(50), "a key keeps its expiry across the restart");
    }
}
