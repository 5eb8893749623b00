using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson02;

[Lesson("02", Level.Beginner, Skill.Redis)]
public sealed class UserProfileCacheTests(RedisFixture redis) : RedisTest(redis)
{
    private static readonly Dictionary<string, string> SeedProfile = new()
    {
        ["name"] = "John Doe",
        ["email"] = "john@example.com",
        ["age"] = "25",
    };

    private static RedisKey KeyOf(long userId) => $"user:{{{userId}}}:profile";

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Seed_example_saves_reads_and_updates_a_profile()
    {
        var cache = new UserProfileCache(Db);

        await cache.SaveAsync(1, SeedProfile);
        var saved = await cache.GetAsync(1);
        var updated = await cache.UpdateFieldAsync(1, "age", "26");
        var after = await cache.GetAsync(1);

        saved.Should().BeEquivalentTo(SeedProfile, "GetAsync(1) right after SaveAsync(1, {name, email, age}) returns that profile");
        updated.Should().BeTrue("UpdateFieldAsync(1, \"age\", \"26\") on an existing profile applies and returns true");
        after.Should().BeEquivalentTo(
            new Dictionary<string, string> { ["name"] = "John Doe", ["email"] = "john@example.com", ["age"] = "26" },
            "GetAsync(1) after UpdateFieldAsync(1, \"age\", \"26\") shows the new age and the other fields unchanged");
        (await Db.HashGetAllAsync(KeyOf(1))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString())
            .Should().BeEquivalentTo(after, "the profile lives in the Redis hash user:{1}:profile (HGETALL reads it), where other apps read it");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task A_second_save_replaces_the_profile_and_leaves_no_stale_fields()
    {
        var cache = new UserProfileCache(Db);
        await cache.SaveAsync(1, SeedProfile);

        await cache.SaveAsync(1, new Dictionary<string, string> { ["name"] = "Jane Roe", ["city"] = "Hanoi" });

        (await cache.GetAsync(1)).Should().BeEquivalentTo(
            new Dictionary<string, string> { ["name"] = "Jane Roe", ["city"] = "Hanoi" },
            "SaveAsync(1, {name, city}) after SaveAsync(1, {name, email, age}) replaces the whole hash user:{1}:profile: GetAsync(1) must not show 'email' and 'age' from the first save (HSET alone merges into the old fields, the seed's bug)");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task Save_sets_the_ttl_and_a_save_restarts_it()
    {
        var ttl = TimeSpan.FromMinutes(10);
        var cache = new UserProfileCache(Db, ttl);
        cache.Ttl.Should().Be(ttl, "new UserProfileCache(db, ttl: 10 min).Ttl is the TTL it was given");

        await cache.SaveAsync(1, SeedProfile);
        var first = await Db.KeyTimeToLiveAsync(KeyOf(1));
        await Db.KeyExpireAsync(KeyOf(1), TimeSpan.FromMinutes(1));
        await cache.SaveAsync(1, SeedProfile);
        var second = await Db.KeyTimeToLiveAsync(KeyOf(1));

        first.Should().NotBeNull("SaveAsync(1, …) must set a TTL on user:{1}:profile (PEXPIRE)");
        first.Should().BePositive("SaveAsync(1, …) sets a TTL in the future").And.BeLessThanOrEqualTo(ttl, "the TTL SaveAsync sets is the cache's Ttl, 10 min");
        second.Should().BeGreaterThan(TimeSpan.FromMinutes(1), "a second SaveAsync(1, …) restarts the TTL of user:{1}:profile, which was cut to 1 min in between")
            .And.BeLessThanOrEqualTo(ttl, "the restarted TTL is the cache's Ttl, 10 min");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task Another_client_sees_a_save_whole_with_its_ttl_or_not_at_all()
    {
        // Between every two commands a save sends, a second app instance reads the profile as any client could then:
        // it must be the profile from before the save or the one after, never missing, half written or without a TTL.
        var reader = new UserProfileCache(Db);
        var second = new Dictionary<string, string> { ["name"] = "Jane Roe", ["city"] = "Hanoi" };
        IReadOnlyDictionary<string, string>? before = null;
        IReadOnlyDictionary<string, string> after = SeedProfile;
        var (observed, between) = BetweenCommands.Wrap(Db, async () =>
        {
            var seen = await reader.GetAsync(1);
            var ttl = await Db.KeyTimeToLiveAsync(KeyOf(1));
            return seen switch
            {
                null when before is not null => "user:{1}:profile is missing in the middle of a save that replaces it",
                null => null,
                _ when !Same(seen, before) && !Same(seen, after) => $"user:{{1}}:profile holds {{{string.Join(", ", seen.Keys.Order(StringComparer.Ordinal))}}}, neither the profile before the save nor the one after",
                _ when ttl is null => "user:{1}:profile exists with no TTL: it would live forever if the process stopped here",
                _ => null,
            };
        });
        var cache = new UserProfileCache(observed, TimeSpan.FromMinutes(10));

        await cache.SaveAsync(1, SeedProfile);
        (before, after) = (SeedProfile, second);
        await cache.SaveAsync(1, second);
        await between.CheckAfterLastAsync();

        string.Join("; ", between.Violations).Should().BeEmpty(
            "SaveAsync must replace the profile and set its TTL in one atomic step (one Lua script, or DEL, HSET and PEXPIRE in MULTI/EXEC): another client reading between two of its commands saw a profile missing, half written or without a TTL, as separate DEL, HSET and EXPIRE calls let it");
        between.Checks.Should().BeGreaterThan(2, "SaveAsync must store the profile in the Redis it was given: two saves sent no command through it");
        (await reader.GetAsync(1)).Should().BeEquivalentTo(second, "GetAsync(1) after the second SaveAsync(1, {name, city}) returns that profile");
    }

    private static bool Same(IReadOnlyDictionary<string, string> seen, IReadOnlyDictionary<string, string>? expected) =>
        expected is not null && seen.Count == expected.Count && expected.All(e => seen.TryGetValue(e.Key, out var v) && v == e.Value);

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task The_ttl_defaults_to_one_hour_and_must_be_positive()
    {
        var cache = new UserProfileCache(Db);

        await cache.SaveAsync(7, SeedProfile);
        var ttl = await Db.KeyTimeToLiveAsync(KeyOf(7));

        cache.Ttl.Should().Be(TimeSpan.FromHours(1), "new UserProfileCache(db) without a ttl keeps profiles for 1 hour");
        ttl.Should().NotBeNull("SaveAsync(7, …) must set a TTL on user:{7}:profile")
            .And.BePositive("SaveAsync(7, …) sets a TTL in the future").And.BeLessThanOrEqualTo(TimeSpan.FromHours(1), "the default TTL is 1 hour");
        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1) })
        {
            var act = () => new UserProfileCache(Db, bad);
            act.Should().Throw<ArgumentOutOfRangeException>($"new UserProfileCache(db, ttl: {bad}) must reject a TTL that is not positive: it would store nothing or store forever")
                .WithParameterName("ttl", $"the exception from new UserProfileCache(db, ttl: {bad}) names the parameter it rejects");
        }
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task UpdateField_keeps_the_existing_ttl()
    {
        var cache = new UserProfileCache(Db, TimeSpan.FromHours(1));
        await cache.SaveAsync(1, SeedProfile);
        // Shorter than the cache's own TTL: an update that re-applies the TTL (or drops it) shows up.
        await Db.KeyExpireAsync(KeyOf(1), TimeSpan.FromMinutes(5));

        (await cache.UpdateFieldAsync(1, "age", "26")).Should().BeTrue("UpdateFieldAsync(1, \"age\", \"26\") on an existing profile returns true");
        var ttl = await Db.KeyTimeToLiveAsync(KeyOf(1));

        ttl.Should().NotBeNull("UpdateFieldAsync(1, \"age\", \"26\") must not make user:{1}:profile live forever")
            .And.BePositive("user:{1}:profile still has time left after UpdateFieldAsync")
            .And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(5), "UpdateFieldAsync(1, \"age\", \"26\") keeps the profile's remaining TTL (cut to 5 min) instead of restarting it at the cache's 1 h");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task An_absent_profile_reads_as_null_and_UpdateField_writes_nothing()
    {
        var cache = new UserProfileCache(Db);

        var profile = await cache.GetAsync(404);
        var updated = await cache.UpdateFieldAsync(404, "age", "26");

        profile.Should().BeNull("GetAsync(404) for a user never saved returns null, not an empty profile");
        updated.Should().BeFalse("UpdateFieldAsync(404, \"age\", \"26\") returns false: there is no profile to update (a bare HSET, like the seed's update_user_field, would create one)");
        (await Scope.KeysAsync()).Should().BeEmpty("UpdateFieldAsync(404, \"age\", \"26\") must not create user:{404}:profile: a bare HSET creates a hash with one field and no TTL (the seed's update_user_field)");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task An_expired_profile_is_never_resurrected_by_UpdateField()
    {
        var cache = new UserProfileCache(Db, TimeSpan.FromMilliseconds(100));
        await cache.SaveAsync(1, SeedProfile);

        await Eventually.UntilAsync("user:{1}:profile to expire", () => cache.GetAsync(1), p => p is null, cancellationToken: Cancellation);
        var updated = await cache.UpdateFieldAsync(1, "age", "26");

        updated.Should().BeFalse("UpdateFieldAsync(1, \"age\", \"26\") after user:{1}:profile expired returns false: there is no profile to update (a bare HSET would create a new one)");
        (await cache.GetAsync(1)).Should().BeNull("GetAsync(1) after that update still returns null: the expired profile must stay gone");
        (await Scope.KeysAsync()).Should().BeEmpty("UpdateFieldAsync(1, \"age\", \"26\") must not recreate user:{1}:profile after it expired: a bare HSET would, with one field and no TTL");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task A_profile_deleted_while_updates_run_on_another_connection_stays_deleted()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var writer = new UserProfileCache(Scope.On(second));
        var cache = new UserProfileCache(Db);

        for (var round = 0; round < 20; round++)
        {
            await cache.SaveAsync(1, SeedProfile);
            var firstUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await writer.UpdateFieldAsync(1, $"w{w}f{i}", "x");
                    firstUpdate.TrySetResult();
                }
            })).ToArray();
            await FailFast.WaitAsync(firstUpdate.Task, writers, Cancellation);
            await Db.KeyDeleteAsync(KeyOf(1));
            await Task.WhenAll(writers);

            (await Db.KeyExistsAsync(KeyOf(1))).Should().BeFalse(
                $"round {round}: an UpdateFieldAsync(1, …) that runs after user:{{1}}:profile was deleted must write nothing; checking EXISTS and writing HSET in two round trips lets it recreate user:{{1}}:profile with no TTL");
        }
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Concurrent_updates_of_different_fields_from_two_connections_all_land()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var instances = new[] { new UserProfileCache(Db), new UserProfileCache(Scope.On(second)) };
        await instances[0].SaveAsync(1, new Dictionary<string, string> { ["name"] = "John Doe" });
        const int fields = 200;

        var results = await Task.WhenAll(Enumerable.Range(0, fields).Select(i => instances[i % 2].UpdateFieldAsync(1, $"field{i}", $"value{i}")));

        results.Should().AllSatisfy(r => r.Should().BeTrue("every UpdateFieldAsync(1, fieldN, valueN) returns true: the profile exists during every update"));
        var expected = Enumerable.Range(0, fields).ToDictionary(i => $"field{i}", i => $"value{i}");
        expected["name"] = "John Doe";
        (await instances[1].GetAsync(1)).Should().BeEquivalentTo(expected, "GetAsync(1) after 200 concurrent UpdateFieldAsync calls of different fields on two connections must show every field: read-modify-write of the whole profile loses some");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Profiles_of_different_users_are_separate()
    {
        var cache = new UserProfileCache(Db);

        await cache.SaveAsync(1, SeedProfile);
        await cache.SaveAsync(2, new Dictionary<string, string> { ["name"] = "Jane Roe" });
        await cache.UpdateFieldAsync(2, "age", "30");

        (await cache.GetAsync(1)).Should().BeEquivalentTo(SeedProfile, "GetAsync(1) still returns user 1's profile: SaveAsync(2, …) and UpdateFieldAsync(2, …) must not touch user 1");
        (await cache.GetAsync(2)).Should().BeEquivalentTo(
            new Dictionary<string, string> { ["name"] = "Jane Roe", ["age"] = "30" },
            "GetAsync(2) shows SaveAsync(2, {name}) plus UpdateFieldAsync(2, \"age\", \"30\")");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Bad_arguments_are_rejected_and_leave_the_stored_profile_untouched()
    {
        var cache = new UserProfileCache(Db);
        await cache.SaveAsync(1, SeedProfile);

        await Rejects<ArgumentOutOfRangeException>(() => cache.SaveAsync(-1, SeedProfile), "userId", "a negative user id");
        await Rejects<ArgumentOutOfRangeException>(() => cache.GetAsync(-1), "userId", "a negative user id");
        await Rejects<ArgumentOutOfRangeException>(() => cache.UpdateFieldAsync(-1, "age", "26"), "userId", "a negative user id");
        await Rejects<ArgumentNullException>(() => cache.SaveAsync(1, null!), "profile", "a null profile");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string>()), "profile", "an empty profile: HSET needs at least one field");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string> { ["name"] = "X", [""] = "empty name" }), "profile", "a field with an empty name");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string> { ["name"] = null! }), "profile", "a field with a null value");
        await Rejects<ArgumentNullException>(() => cache.UpdateFieldAsync(1, null!, "26"), "field", "a null field name");
        await Rejects<ArgumentException>(() => cache.UpdateFieldAsync(1, "", "26"), "field", "an empty field name");
        await Rejects<ArgumentNullException>(() => cache.UpdateFieldAsync(1, "age", null!), "value", "a null value");

        (await cache.GetAsync(1)).Should().BeEquivalentTo(SeedProfile, "a rejected SaveAsync or UpdateFieldAsync must not change or delete user:{1}:profile: check the arguments before the first command");
        (await Scope.KeysAsync()).Should().ContainSingle("a rejected call must not write any key besides user:{1}:profile");
        new Action(() => _ = new UserProfileCache(null!)).Should().Throw<ArgumentNullException>("new UserProfileCache(redis: null) must reject a null database")
            .WithParameterName("redis", "the exception from new UserProfileCache(null) names the parameter it rejects");
    }

    // The call as written in the test, e.g. "cache.SaveAsync(-1, SeedProfile)", so a failure names it.
    private static async Task Rejects<TException>(Func<Task> act, string parameter, string invalid, [CallerArgumentExpression(nameof(act))] string call = "")
        where TException : ArgumentException
    {
        call = call.Replace("() => ", string.Empty, StringComparison.Ordinal).Replace("null!", "null", StringComparison.Ordinal);
        var rejected = await act.Should().ThrowAsync<TException>($"{call} must reject {invalid}")
            .WithParameterName(parameter, $"the exception from {call} names the parameter it rejects");
        rejected.Which.Message.Replace($"(Parameter '{parameter}')", string.Empty, StringComparison.Ordinal).Should()
            .NotBeNullOrWhiteSpace($"the exception from {call} says in words what is wrong, besides naming the parameter");
    }
}
