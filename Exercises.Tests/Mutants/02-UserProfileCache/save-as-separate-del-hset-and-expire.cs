// Mutant of Solutions/02-UserProfileCache/UserProfileCache.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: SaveAsync as separate DEL, HSET and EXPIRE calls: between them another client sees the profile missing, then without a TTL (the student answer).
// Caught by: UserProfileCacheTests.Another_client_sees_a_save_whole_with_its_ttl_or_not_at_all
using System.Globalization;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 02 — caches user profiles as Redis hashes that expire.
/// Saving replaces the whole hash and sets its TTL in one script; updating one field only touches a profile
/// that still exists, so an expired profile never comes back as a partial hash that lives forever.
/// </summary>
public sealed class UserProfileCache
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    // ARGV[1] is the TTL in milliseconds, then field, value, field, value…
    private const string SaveScript = """
        redis.call('DEL', KEYS[1])
        for i = 2, #ARGV, 2 do
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        """;

    // HSET on an existing key keeps its TTL; on a missing key it would create one with no TTL, hence the check.
    private const string UpdateScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
            return 0
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    private readonly IDatabase _redis;

    /// <param name="redis">Where the profiles live.</param>
    /// <param name="ttl">How long a saved profile lives; more than zero; 1 hour when null.</param>
    public UserProfileCache(IDatabase redis, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var lifetime = ttl ?? DefaultTtl;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(ttl));
        _redis = redis;
        Ttl = lifetime;
    }

    /// <summary>How long a saved profile lives.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Replaces the user's whole profile (fields not in <paramref name="profile"/> are gone) and restarts its TTL.</summary>
    /// <param name="userId">The user; not negative.</param>
    /// <param name="profile">Field names to values; at least one field, no empty names, no null values.</param>
    public async Task SaveAsync(long userId, IReadOnlyDictionary<string, string> profile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Count == 0)
        {
            throw new ArgumentException("A profile needs at least one field: Redis cannot store an empty hash.", nameof(profile));
        }

        var entries = new List<HashEntry>();
        foreach (var (field, value) in profile)
        {
            if (string.IsNullOrEmpty(field) || value is null)
            {
                throw new ArgumentException($"Every profile field needs a non-empty name and a non-null value; field '{field}' has not.", nameof(profile));
            }

            entries.Add(new HashEntry(field, value));
        }

        await _redis.KeyDeleteAsync(Key(userId));
        await _redis.HashSetAsync(Key(userId), [.. entries]);
        await _redis.KeyExpireAsync(Key(userId), Ttl);
    }

    /// <summary>The user's profile, or null when there is none (never saved, or expired).</summary>
    /// <param name="userId">The user; not negative.</param>
    public async Task<IReadOnlyDictionary<string, string>?> GetAsync(long userId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        var entries = await _redis.HashGetAllAsync(Key(userId));
        if (entries.Length == 0)
        {
            return null;
        }

        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Sets one field of an existing profile and keeps its TTL. Returns false, and writes nothing, when the
    /// profile is absent or expired.
    /// </summary>
    /// <param name="userId">The user; not negative.</param>
    /// <param name="field">The field name; not empty.</param>
    /// <param name="value">The new value; not null.</param>
    public async Task<bool> UpdateFieldAsync(long userId, string field, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);
        var updated = await _redis.ScriptEvaluateAsync(UpdateScript, [Key(userId)], [field, value]);
        return (long)updated == 1;
    }

    // The braces make the user id a hash tag: every key of one user lands in the same Redis Cluster slot.
    private static RedisKey Key(long userId) => string.Create(CultureInfo.InvariantCulture, $"user:{{{userId}}}:profile");
}
