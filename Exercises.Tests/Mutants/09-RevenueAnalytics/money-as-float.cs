// Mutant of Solutions/09-RevenueAnalytics/RevenueState.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's `defaultdict(float)`: the running total is a double, read from Redis and written back as one, so it drifts from the exact sum.
// Caught by: RevenueAnalyticsTests.Money_is_exact_decimal_where_doubles_drift
using System.Globalization;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 09's state in Redis: per-product totals as exact decimal strings, and per source partition the offset of
/// the last record applied. Both change in one script, so a record is applied once however often it is delivered.
/// </summary>
internal sealed class RevenueState(IDatabase redis)
{
    // Both keys share the {revenue} hash tag, so the scripts are valid on Redis Cluster too.
    private const string TotalsKey = "{revenue}:totals";
    private const string OffsetsKey = "{revenue}:offsets";

    // Compare-and-set: Lua numbers are doubles, so the decimal sum is computed in C# and the script only checks that
    // nobody changed the total meanwhile. Returns {1, new total} when applied, {0, total} when this offset was applied
    // before, {-1, total} when the total moved since it was read (the caller retries with the total returned).
    private const string AddScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
        local applied = redis.call('HGET', KEYS[2], ARGV[2])
        if applied and tonumber(applied) >= tonumber(ARGV[3]) then
            return {0, current}
        end
        if current ~= ARGV[4] then
            return {-1, current}
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
        redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
        return {1, ARGV[5]}
        """;

    private const string MarkScript = """
        local applied = redis.call('HGET', KEYS[1], ARGV[1])
        if applied and tonumber(applied) >= tonumber(ARGV[2]) then
            return 0
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Adds <paramref name="revenue"/> to the product's total unless the record at <paramref name="offset"/> of
    /// <paramref name="source"/> was applied already; returns the product's total afterwards either way.
    /// </summary>
    public async Task<decimal> AddAsync(string productId, decimal revenue, string source, long offset)
    {
        var current = await redis.HashGetAsync(TotalsKey, productId);
        while (true)
        {
            var expected = current.IsNull ? string.Empty : (string)current!;
            var total = (current.IsNull ? 0 : (double)current) + (double)revenue;
            var result = (RedisResult[])(await redis.ScriptEvaluateAsync(
                AddScript,
                [TotalsKey, OffsetsKey],
                [productId, source, offset, expected, total]))!;
            var status = (long)result[0];
            current = (RedisValue)result[1];
            if (status >= 0)
            {
                return Parse(current);
            }
        }
    }

    /// <summary>Whether the record at this offset of the source partition was applied (or dead-lettered) already.</summary>
    public async Task<bool> IsAppliedAsync(string source, long offset)
    {
        var applied = await redis.HashGetAsync(OffsetsKey, source);
        return !applied.IsNull && (long)applied >= offset;
    }

    /// <summary>Records that the record at this offset is done with (a dead-lettered one), without touching totals.</summary>
    public Task MarkAppliedAsync(string source, long offset) =>
        redis.ScriptEvaluateAsync(MarkScript, [OffsetsKey], [source, offset]);

    public async Task<decimal> GetTotalAsync(string productId) => Parse(await redis.HashGetAsync(TotalsKey, productId));

    public async Task<IReadOnlyDictionary<string, decimal>> GetAllTotalsAsync()
    {
        var entries = await redis.HashGetAllAsync(TotalsKey);
        return entries.ToDictionary(e => (string)e.Name!, e => Parse(e.Value), StringComparer.Ordinal);
    }

    // Invariant culture both ways: "50.0" in Redis is 50.0m here on every machine, with its scale kept.
    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(RedisValue value) =>
        value.IsNull ? 0m : decimal.Parse((string)value!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
