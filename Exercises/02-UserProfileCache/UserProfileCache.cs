using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 02 — cache user profiles as Redis hashes (key <c>user:{id}:profile</c>) that expire.
/// Task: a save replaces the whole profile and sets its TTL; an update only touches a profile that still
/// exists and keeps its TTL. Read docs/lessons/02-user-profile-cache.md first.
/// </summary>
public sealed class UserProfileCache
{
    private readonly IDatabase _redis;

    /// <param name="redis">Where the profiles live.</param>
    /// <param name="ttl">How long a saved profile lives; more than zero; 1 hour when null.</param>
    public UserProfileCache(IDatabase redis, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var lifetime = ttl ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(ttl));
        _redis = redis;
        Ttl = lifetime;
    }

    /// <summary>How long a saved profile lives.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Replaces the user's whole profile (fields not in <paramref name="profile"/> are gone) and restarts its TTL.</summary>
    /// <param name="userId">The user; not negative.</param>
    /// <param name="profile">Field names to values; at least one field, no empty names, no null values.</param>
    public Task SaveAsync(long userId, IReadOnlyDictionary<string, string> profile) =>
        throw new NotImplementedException("Lesson 02: implement UserProfileCache.SaveAsync — replace the whole profile and restart its TTL, as one step. Read docs/lessons/02-user-profile-cache.md; stuck? workbook hint 02");

    /// <summary>The user's profile, or null when there is none (never saved, or expired).</summary>
    /// <param name="userId">The user; not negative.</param>
    public Task<IReadOnlyDictionary<string, string>?> GetAsync(long userId) =>
        throw new NotImplementedException("Lesson 02: implement UserProfileCache.GetAsync — return the user's whole profile, or null when there is none (never saved, or expired). Read docs/lessons/02-user-profile-cache.md; stuck? workbook hint 02");

    /// <summary>
    /// Sets one field of an existing profile and keeps its TTL. Returns false, and writes nothing, when the
    /// profile is absent or expired.
    /// </summary>
    /// <param name="userId">The user; not negative.</param>
    /// <param name="field">The field name; not empty.</param>
    /// <param name="value">The new value; not null.</param>
    public Task<bool> UpdateFieldAsync(long userId, string field, string value) =>
        throw new NotImplementedException("Lesson 02: implement UserProfileCache.UpdateFieldAsync — set one field of a profile that still exists and keep its TTL, as one step; return false and write nothing when it is gone. Read docs/lessons/02-user-profile-cache.md; stuck? workbook hint 02");
}
