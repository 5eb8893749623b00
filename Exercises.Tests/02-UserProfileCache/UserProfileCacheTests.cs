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

        saved.Should().BeEquivalentTo(SeedProfile, "GetAsync returns what SaveAsync stored");
        updated.Should().BeTrue("the profile exists, so the update applies");
        after.Should().BeEquivalentTo(
            new Dictionary<string, string> { ["name"] = "John Doe", ["email"] = "john@example.com", ["age"] = "26" },
            "UpdateFieldAsync changes only the one field");
        (await Db.HashGetAllAsync(KeyOf(1))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString())
            .Should().BeEquivalentTo(after, "the profile lives in the Redis hash user:{1}:profile, where other apps read it");
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
            "SaveAsync replaces the whole hash user:{1}:profile: 'email' and 'age' from the first save must be gone (HSET alone merges)");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task Save_sets_the_ttl_and_a_save_restarts_it()
    {
        var ttl = TimeSpan.FromMinutes(10);
        var cache = new UserProfileCache(Db, ttl);
        cache.Ttl.Should().Be(ttl);

        await cache.SaveAsync(1, SeedProfile);
        var first = await Db.KeyTimeToLiveAsync(KeyOf(1));
        await Db.KeyExpireAsync(KeyOf(1), TimeSpan.FromMinutes(1));
        await cache.SaveAsync(1, SeedProfile);
        var second = await Db.KeyTimeToLiveAsync(KeyOf(1));

        first.Should().NotBeNull("SaveAsync must set a TTL on user:{1}:profile (PEXPIRE)");
        first.Should().BePositive().And.BeLessThanOrEqualTo(ttl, "the TTL is the cache's Ttl");
        second.Should().BeGreaterThan(TimeSpan.FromMinutes(1), "a new save restarts the TTL of user:{1}:profile")
            .And.BeLessThanOrEqualTo(ttl);
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task The_ttl_defaults_to_one_hour_and_must_be_positive()
    {
        var cache = new UserProfileCache(Db);

        await cache.SaveAsync(7, SeedProfile);
        var ttl = await Db.KeyTimeToLiveAsync(KeyOf(7));

        cache.Ttl.Should().Be(TimeSpan.FromHours(1));
        ttl.Should().NotBeNull("SaveAsync must set a TTL on user:{7}:profile")
            .And.BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromHours(1));
        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1) })
        {
            var act = () => new UserProfileCache(Db, bad);
            act.Should().Throw<ArgumentOutOfRangeException>($"a TTL of {bad} would store nothing or store forever")
                .Which.ParamName.Should().Be("ttl");
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

        (await cache.UpdateFieldAsync(1, "age", "26")).Should().BeTrue();
        var ttl = await Db.KeyTimeToLiveAsync(KeyOf(1));

        ttl.Should().NotBeNull("an update must not make user:{1}:profile live forever")
            .And.BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(5), "an update keeps the profile's remaining TTL instead of restarting it");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task An_absent_profile_reads_as_null_and_UpdateField_writes_nothing()
    {
        var cache = new UserProfileCache(Db);

        var profile = await cache.GetAsync(404);
        var updated = await cache.UpdateFieldAsync(404, "age", "26");

        profile.Should().BeNull("user 404 has no profile");
        updated.Should().BeFalse("there is no profile to update");
        (await Scope.KeysAsync()).Should().BeEmpty("updating an absent profile must not create user:{404}:profile (a hash with one field and no TTL)");
    }

    [RedisFact]
    [Rubric(Rubric.SimpleCache)]
    public async Task An_expired_profile_is_never_resurrected_by_UpdateField()
    {
        var cache = new UserProfileCache(Db, TimeSpan.FromMilliseconds(100));
        await cache.SaveAsync(1, SeedProfile);

        await Eventually.UntilAsync("user:{1}:profile to expire", () => cache.GetAsync(1), p => p is null, cancellationToken: Cancellation);
        var updated = await cache.UpdateFieldAsync(1, "age", "26");

        updated.Should().BeFalse("the profile expired");
        (await cache.GetAsync(1)).Should().BeNull("the expired profile must stay gone");
        (await Scope.KeysAsync()).Should().BeEmpty("UpdateFieldAsync must not recreate user:{1}:profile after it expired");
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
            await firstUpdate.Task;
            await Db.KeyDeleteAsync(KeyOf(1));
            await Task.WhenAll(writers);

            (await Db.KeyExistsAsync(KeyOf(1))).Should().BeFalse(
                $"round {round}: an update that runs after the profile is deleted must write nothing; checking EXISTS and writing HSET in two round trips lets it recreate user:{{1}}:profile with no TTL");
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

        results.Should().AllSatisfy(r => r.Should().BeTrue("the profile exists during every update"));
        var expected = Enumerable.Range(0, fields).ToDictionary(i => $"field{i}", i => $"value{i}");
        expected["name"] = "John Doe";
        (await instances[1].GetAsync(1)).Should().BeEquivalentTo(expected, "every concurrent field update must land; read-modify-write of the whole profile loses some");
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Profiles_of_different_users_are_separate()
    {
        var cache = new UserProfileCache(Db);

        await cache.SaveAsync(1, SeedProfile);
        await cache.SaveAsync(2, new Dictionary<string, string> { ["name"] = "Jane Roe" });
        await cache.UpdateFieldAsync(2, "age", "30");

        (await cache.GetAsync(1)).Should().BeEquivalentTo(SeedProfile, "user 2's writes must not touch user 1");
        (await cache.GetAsync(2)).Should().BeEquivalentTo(new Dictionary<string, string> { ["name"] = "Jane Roe", ["age"] = "30" });
    }

    [RedisFact]
    [Rubric(Rubric.BasicDataTypes)]
    public async Task Bad_arguments_are_rejected_and_leave_the_stored_profile_untouched()
    {
        var cache = new UserProfileCache(Db);
        await cache.SaveAsync(1, SeedProfile);

        await Rejects<ArgumentOutOfRangeException>(() => cache.SaveAsync(-1, SeedProfile), "userId");
        await Rejects<ArgumentOutOfRangeException>(() => cache.GetAsync(-1), "userId");
        await Rejects<ArgumentOutOfRangeException>(() => cache.UpdateFieldAsync(-1, "age", "26"), "userId");
        await Rejects<ArgumentNullException>(() => cache.SaveAsync(1, null!), "profile");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string>()), "profile");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string> { ["name"] = "X", [""] = "empty name" }), "profile");
        await Rejects<ArgumentException>(() => cache.SaveAsync(1, new Dictionary<string, string> { ["name"] = null! }), "profile");
        await Rejects<ArgumentNullException>(() => cache.UpdateFieldAsync(1, null!, "26"), "field");
        await Rejects<ArgumentException>(() => cache.UpdateFieldAsync(1, "", "26"), "field");
        await Rejects<ArgumentNullException>(() => cache.UpdateFieldAsync(1, "age", null!), "value");

        (await cache.GetAsync(1)).Should().BeEquivalentTo(SeedProfile, "a rejected call must not change or delete user:{1}:profile");
        (await Scope.KeysAsync()).Should().ContainSingle("a rejected call must not write any other key");
        new Action(() => _ = new UserProfileCache(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("redis");
    }

    private static async Task Rejects<TException>(Func<Task> act, string parameter)
        where TException : ArgumentException =>
        (await act.Should().ThrowAsync<TException>($"parameter '{parameter}' is invalid")).Which.ParamName.Should().Be(parameter);
}
