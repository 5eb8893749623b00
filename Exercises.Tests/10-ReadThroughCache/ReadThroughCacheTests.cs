using System.Collections.Concurrent;
using System.Text.Json;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson10;

[Lesson("10", Level.Advanced, Skill.Redis)]
public sealed class ReadThroughCacheTests(RedisFixture redis) : RedisTest(redis)
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    public sealed record User(int Id, string Name, string Email);

    public sealed record Product(int Id, decimal Price);

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Seed_example_via_Wrap_the_second_call_does_not_query_the_database()
    {
        var cache = new ReadThroughCache(Db);
        var queries = 0;
        var getUserFromDb = cache.Wrap<int, User>(
            "user",
            (userId, _) =>
            {
                Interlocked.Increment(ref queries);
                return Task.FromResult<User?>(new User(userId, $"User {userId}", $"user{userId}@example.com"));
            },
            TimeSpan.FromSeconds(60));

        var first = await getUserFromDb(1, Cancellation);
        var second = await getUserFromDb(1, Cancellation);

        queries.Should().Be(1, "the second getUserFromDb(1) (made by Wrap(\"user\", …)) must be served from Redis, not from the \"DB\"");
        first.Should().Be(new User(1, "User 1", "user1@example.com"), "the first getUserFromDb(1) returns what the loader returned");
        second.Should().Be(first, "the second getUserFromDb(1) returns the cached JSON, which must round-trip to the same user");
        (cache.Hits, cache.Misses).Should().Be((1L, 1L), "(Hits, Misses) after two calls for user 1 is (1, 1): one miss filled the cache, one hit read it");
        var ttl = await Db.KeyTimeToLiveAsync("cache:user:1");
        ttl.Should().NotBeNull("cache:user:1 must be stored with the 60 s expiry (SET ... PX)")
            .And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public Task Zero_is_a_cached_value() => AssertSecondCallIsAHitAsync("zero", 0, "0");

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public Task An_empty_string_is_a_cached_value() => AssertSecondCallIsAHitAsync("empty-string", string.Empty, "\"\"");

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public Task An_empty_list_is_a_cached_value() => AssertSecondCallIsAHitAsync("empty-list", new List<int>(), "[]");

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public Task False_is_a_cached_value() => AssertSecondCallIsAHitAsync("false", false, "false");

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Null_is_not_cached_and_the_loader_runs_every_time()
    {
        var cache = new ReadThroughCache(Db);
        var loads = 0;

        for (var call = 0; call < 3; call++)
        {
            var value = await cache.GetOrLoadAsync<string>("nobody", _ =>
            {
                Interlocked.Increment(ref loads);
                return Task.FromResult<string?>(null);
            }, OneMinute, Cancellation);
            value.Should().BeNull($"GetOrLoadAsync(\"nobody\", …) call {call + 1} returns null: the loader found nothing");
        }

        loads.Should().Be(3, "three GetOrLoadAsync(\"nobody\", …) calls run the loader three times: a null result must not be cached");
        (await Db.KeyExistsAsync("cache:nobody")).Should().BeFalse("GetOrLoadAsync must write nothing at cache:nobody for a null result");
        (cache.Hits, cache.Misses).Should().Be((0L, 3L), "(Hits, Misses) after three calls that found nothing is (0, 3)");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_cached_value_expires_after_its_ttl_and_is_then_loaded_again()
    {
        var cache = new ReadThroughCache(Db);
        var loads = 0;
        var ttl = TimeSpan.FromMilliseconds(300);
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>($"load {Interlocked.Increment(ref loads)}");

        (await cache.GetOrLoadAsync("short-lived", Load, ttl, Cancellation)).Should().Be("load 1", "the first GetOrLoadAsync(\"short-lived\", …) runs the loader");
        var remaining = await Db.KeyTimeToLiveAsync("cache:short-lived");
        remaining.Should().NotBeNull("cache:short-lived must be written with its TTL in the same SET")
            .And.BeLessThanOrEqualTo(ttl, "the TTL is 300 ms (SET ... PX 300), not rounded up to seconds");
        await Eventually.UntilAsync(
            "cache:short-lived to expire",
            () => Db.KeyExistsAsync("cache:short-lived"),
            exists => !exists,
            cancellationToken: Cancellation);

        (await cache.GetOrLoadAsync("short-lived", Load, ttl, Cancellation)).Should().Be("load 2", "GetOrLoadAsync(\"short-lived\", …) after cache:short-lived expired is a miss and runs the loader again");
        loads.Should().Be(2, "the loader ran once before and once after the expiry");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task InvalidateAsync_makes_the_next_call_a_miss()
    {
        var cache = new ReadThroughCache(Db);
        var price = 10m;
        Task<Product?> Load(CancellationToken _) => Task.FromResult<Product?>(new Product(7, price));

        (await cache.GetOrLoadAsync("product:7", Load, OneMinute, Cancellation))!.Price.Should().Be(10m, "the first GetOrLoadAsync(\"product:7\", …) loads the price 10");
        price = 12m;
        (await cache.GetOrLoadAsync("product:7", Load, OneMinute, Cancellation))!.Price.Should().Be(10m, "the second GetOrLoadAsync(\"product:7\", …) is a hit: the old price is still cached");

        (await cache.InvalidateAsync("product:7")).Should().BeTrue("InvalidateAsync(\"product:7\") returns true: cache:product:7 existed");
        (await cache.GetOrLoadAsync("product:7", Load, OneMinute, Cancellation))!.Price.Should().Be(12m, "GetOrLoadAsync(\"product:7\", …) after InvalidateAsync reloads the new price 12");
        (await cache.InvalidateAsync("product:8")).Should().BeFalse("InvalidateAsync(\"product:8\") returns false: nothing was cached for product:8");
        (cache.Hits, cache.Misses).Should().Be((1L, 2L), "(Hits, Misses) is (1, 2): one hit between two loads");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_loader_that_throws_caches_nothing_and_its_exception_reaches_the_caller()
    {
        var cache = new ReadThroughCache(Db);
        var failure = new InvalidOperationException("database is down");

        var act = () => cache.GetOrLoadAsync<string>("flaky", _ => throw failure, OneMinute, Cancellation);

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>("GetOrLoadAsync(\"flaky\", a loader that throws, …) must let the loader's exception reach the caller");
        thrown.Which.Should().BeSameAs(failure, "the loader's own exception must propagate, not a wrapper");
        (await Scope.KeysAsync()).Should().BeEmpty("a failed load must not cache anything");
        (await cache.GetOrLoadAsync("flaky", _ => Task.FromResult<string?>("back"), OneMinute, Cancellation))
            .Should().Be("back", "the next GetOrLoadAsync(\"flaky\", …) loads again");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Wrap_gives_different_arguments_different_keys_and_equal_arguments_the_same_key()
    {
        var cache = new ReadThroughCache(Db);
        var userLoads = new ConcurrentQueue<int>();
        var searchLoads = new ConcurrentQueue<(string, int)>();
        var getUser = cache.Wrap<int, User>("user", (id, _) =>
        {
            userLoads.Enqueue(id);
            return Task.FromResult<User?>(new User(id, $"User {id}", $"user{id}@example.com"));
        }, OneMinute);
        var search = cache.Wrap<(string Query, int Page), string>("search", (query, _) =>
        {
            searchLoads.Enqueue(query);
            return Task.FromResult<string?>($"{query.Query} page {query.Page}");
        }, OneMinute);

        foreach (var round in new[] { 1, 2 })
        {
            (await getUser(1, Cancellation))!.Id.Should().Be(1, $"round {round}: getUser(1) returns user 1");
            (await getUser(2, Cancellation))!.Id.Should().Be(2, $"round {round}: getUser(2) returns user 2, not user 1's cached value");
            (await search(("redis", 1), Cancellation)).Should().Be("redis page 1", $"round {round}: search((\"redis\", 1)) returns its own result");
            (await search(("redis", 2), Cancellation)).Should().Be("redis page 2", $"round {round}: search((\"redis\", 2)) returns its own result, not page 1's");
            (await search(("kafka", 1), Cancellation)).Should().Be("kafka page 1", $"round {round}: search((\"kafka\", 1)) returns its own result");
        }

        userLoads.Should().Equal([1, 2], "each user is loaded once, the second round is all hits");
        searchLoads.Should().Equal([("redis", 1), ("redis", 2), ("kafka", 1)],
            "value-tuple arguments that differ in any field need different keys (a tuple's fields are not JSON properties by default)");
        var keys = (await Scope.KeysAsync()).Select(k => k[Scope.Prefix.Length..]).ToList();
        keys.Should().HaveCount(5, "one key per distinct argument: 2 users and 3 searches");
        keys.Should().Contain(["cache:user:1", "cache:user:2"], "Wrap(\"user\", …)'s key is cache:<name>:<argument as JSON>");
        keys.Where(k => k.StartsWith("cache:search:", StringComparison.Ordinal)).Should().HaveCount(3, "Wrap(\"search\", …) made one cache:search:… key per distinct (query, page)");
    }

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task Wrap_hashes_long_arguments_into_short_keys()
    {
        var cache = new ReadThroughCache(Db);
        var loads = 0;
        var echo = cache.Wrap<string, int>("length", (text, _) =>
        {
            Interlocked.Increment(ref loads);
            return Task.FromResult<int>(text.Length);
        }, OneMinute);
        var longText = new string('a', 1_000);
        var otherLongText = new string('a', 999) + "b";

        (await echo(longText, Cancellation)).Should().Be(1_000, "echo(1,000 'a') returns the loader's length");
        (await echo(otherLongText, Cancellation)).Should().Be(1_000, "echo(999 'a' + 'b') returns the loader's length");
        (await echo(longText, Cancellation)).Should().Be(1_000, "echo(1,000 'a') again returns the cached length");

        loads.Should().Be(2, "two long arguments that differ only in their last character need two keys, and a repeat is a hit");
        var keys = (await Scope.KeysAsync()).Select(k => k[Scope.Prefix.Length..]).ToList();
        keys.Should().HaveCount(2, "one key per distinct long argument");
        keys.Should().OnlyContain(k => k.Length < 100, "a 1,000-character argument is hashed (SHA-256 hex), not copied into the key");

        // Exactly 64 characters of JSON (62 letters and their quotes) stay as they are; only longer ones are hashed.
        var atTheLimit = new string('c', 62);
        (await echo(atTheLimit, Cancellation)).Should().Be(62, "echo(62 'c') returns the loader's length");
        (await Scope.KeysAsync()).Select(k => k[Scope.Prefix.Length..]).Should().Contain($"cache:length:\"{atTheLimit}\"", "an argument whose JSON is exactly 64 characters is kept in the key as is (cache:length:\"ccc…\"): only longer ones are hashed");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_cached_value_that_no_longer_deserializes_is_reloaded_and_overwritten()
    {
        var logger = new RecordingLogger<ReadThroughCache>();
        var cache = new ReadThroughCache(Db, logger: logger);
        await Db.StringSetAsync("cache:product:1", "{\"Id\":\"one\",\"Price\":\"cheap\"}");
        await Db.StringSetAsync("cache:product:2", "not json at all");
        var loads = 0;
        Task<Product?> Load(int id) { Interlocked.Increment(ref loads); return Task.FromResult<Product?>(new Product(id, 9.5m)); }

        foreach (var id in new[] { 1, 2 })
        {
            var product = await cache.GetOrLoadAsync($"product:{id}", _ => Load(id), OneMinute, Cancellation);
            product.Should().Be(new Product(id, 9.5m), $"GetOrLoadAsync(\"product:{id}\", …) must treat the unreadable value at cache:product:{id} (an old schema) as a miss and reload, not throw");
            var stored = (string?)await Db.StringGetAsync($"cache:product:{id}");
            stored.Should().Contain("9.5", $"the reloaded product {id} must overwrite the unreadable value at cache:product:{id}");
            (await Db.KeyTimeToLiveAsync($"cache:product:{id}")).Should().NotBeNull($"the overwritten cache:product:{id} needs its TTL");
        }

        (await cache.GetOrLoadAsync("product:1", _ => Load(1), OneMinute, Cancellation)).Should().Be(new Product(1, 9.5m), "GetOrLoadAsync(\"product:1\", …) again reads the overwritten value");
        loads.Should().Be(2, "the overwritten value is a hit afterwards");
        (cache.Hits, cache.Misses).Should().Be((1L, 2L), "(Hits, Misses) is (1, 2): two reloads of unreadable values, then one hit");
        foreach (var id in new[] { 1, 2 })
        {
            logger.Warnings.Should().Contain(m => m.Contains($"product:{id}", StringComparison.Ordinal), $"the unreadable value at cache:product:{id} must be reported as a warning to the ILogger the cache was given, naming its key (warnings: {string.Join(" | ", logger.Warnings)})");
        }
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task The_json_options_given_are_the_ones_values_are_stored_with()
    {
        var cache = new ReadThroughCache(Db, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

        var loaded = await cache.GetOrLoadAsync("price:1", _ => Task.FromResult<PricedItem?>(new PricedItem(1, 9.5m)), OneMinute, Cancellation);
        var again = await cache.GetOrLoadAsync<PricedItem>("price:1", _ => throw new InvalidOperationException("a hit must not load"), OneMinute, Cancellation);

        ((string?)await Db.StringGetAsync("cache:price:1")).Should().Contain("unit_price", "new ReadThroughCache(db, json: snake_case options) must write cache:price:1 with those options, as other readers of the cache expect");
        again.Should().Be(loaded, "the second GetOrLoadAsync(\"price:1\", …) reads the value back with the same options");
    }

    private sealed record PricedItem(int ItemId, decimal UnitPrice);

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task Hits_and_misses_are_exact_under_100_concurrent_calls_from_a_second_app_instance()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var warmer = new ReadThroughCache(Db);
        var instance = new ReadThroughCache(Scope.On(second));
        var loads = 0;
        Task<string?> Load(string key) { Interlocked.Increment(ref loads); return Task.FromResult<string?>($"value of {key}"); }
        await warmer.GetOrLoadAsync("warm", _ => Load("warm"), OneMinute, Cancellation);

        var keys = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "warm" : $"cold:{i}").ToArray();
        var values = await Task.WhenAll(keys.Select(key => instance.GetOrLoadAsync(key, _ => Load(key), OneMinute, Cancellation)));

        values.Should().Equal(keys.Select(key => $"value of {key}"), "every call returns its own key's value");
        (warmer.Hits, warmer.Misses).Should().Be((0L, 1L), "the warm-up was one miss");
        instance.Hits.Should().Be(50, "the 50 calls for the key the other instance cached are hits (counters must use Interlocked)");
        instance.Misses.Should().Be(50, "the 50 calls for 50 distinct uncached keys are misses");
        loads.Should().Be(51, "the loader ran once for the warm-up and once for each of the 50 uncached keys");
    }

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_hit_costs_one_redis_command_and_a_miss_two()
    {
        var (database, counter) = CommandCounter.Wrap(Db);
        var cache = new ReadThroughCache(database);

        await cache.GetOrLoadAsync("counted", _ => Task.FromResult<string?>("v"), OneMinute, Cancellation);
        var missCalls = counter.Calls.ToArray();
        counter.Calls.Clear();
        await cache.GetOrLoadAsync("counted", _ => Task.FromResult<string?>("v"), OneMinute, Cancellation);
        var hitCalls = counter.Calls.ToArray();

        hitCalls.Should().HaveCount(1, $"a hit is one GET, no EXISTS before it (called: {string.Join(", ", hitCalls)})");
        missCalls.Should().HaveCount(2, $"a miss is one GET and one SET with PX, no separate EXPIRE (called: {string.Join(", ", missCalls)})");
        (await Db.KeyTimeToLiveAsync("cache:counted")).Should().NotBeNull("the value is written with its TTL");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var cache = new ReadThroughCache(Db);
        var loads = 0;
        Task<string?> Load(CancellationToken _) { Interlocked.Increment(ref loads); return Task.FromResult<string?>("v"); }
        Task<string?> Function(int _, CancellationToken __) => Load(__);

        await FluentActions.Awaiting(() => cache.GetOrLoadAsync(string.Empty, Load, OneMinute, Cancellation))
            .Should().ThrowAsync<ArgumentException>("GetOrLoadAsync(key: \"\", …) must reject an empty key")
            .WithParameterName("key", "the exception from GetOrLoadAsync(\"\", …) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync(null!, Load, OneMinute, Cancellation))
            .Should().ThrowAsync<ArgumentException>("GetOrLoadAsync(key: null, …) must reject a null key")
            .WithParameterName("key", "the exception from GetOrLoadAsync(null, …) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync("k", Load, TimeSpan.Zero, Cancellation))
            .Should().ThrowAsync<ArgumentOutOfRangeException>("GetOrLoadAsync(\"k\", …, ttl: 0) must reject a TTL that is not positive")
            .WithParameterName("ttl", "the exception from GetOrLoadAsync(\"k\", …, 0) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync("k", Load, TimeSpan.FromSeconds(-1), Cancellation))
            .Should().ThrowAsync<ArgumentOutOfRangeException>("GetOrLoadAsync(\"k\", …, ttl: -1 s) must reject a negative TTL")
            .WithParameterName("ttl", "the exception from GetOrLoadAsync(\"k\", …, -1 s) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync<string>("k", null!, OneMinute, Cancellation))
            .Should().ThrowAsync<ArgumentNullException>("GetOrLoadAsync(\"k\", loader: null, …) must reject a null loader")
            .WithParameterName("loader", "the exception from GetOrLoadAsync(\"k\", null, …) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.InvalidateAsync(string.Empty))
            .Should().ThrowAsync<ArgumentException>("InvalidateAsync(key: \"\") must reject an empty key")
            .WithParameterName("key", "the exception from InvalidateAsync(\"\") names the parameter it rejects");
        FluentActions.Invoking(() => cache.Wrap<int, string>(string.Empty, Function, OneMinute))
            .Should().Throw<ArgumentException>("Wrap(name: \"\", …) must reject an empty name")
            .WithParameterName("name", "the exception from Wrap(\"\", …) names the parameter it rejects");
        FluentActions.Invoking(() => cache.Wrap<int, string>("f", null!, OneMinute))
            .Should().Throw<ArgumentNullException>("Wrap(\"f\", function: null, …) must reject a null function")
            .WithParameterName("function", "the exception from Wrap(\"f\", null, …) names the parameter it rejects");
        FluentActions.Invoking(() => cache.Wrap<int, string>("f", Function, TimeSpan.Zero))
            .Should().Throw<ArgumentOutOfRangeException>("Wrap(\"f\", …, ttl: 0) must reject a TTL that is not positive")
            .WithParameterName("ttl", "the exception from Wrap(\"f\", …, 0) names the parameter it rejects");
        FluentActions.Invoking(() => new ReadThroughCache(null!))
            .Should().Throw<ArgumentNullException>("new ReadThroughCache(redis: null) must reject a null database")
            .WithParameterName("redis", "the exception from new ReadThroughCache(null) names the parameter it rejects");

        loads.Should().Be(0, "a rejected call must not run the loader");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis: check the arguments before the first command");
    }

    private async Task AssertSecondCallIsAHitAsync<T>(string key, T value, string json)
    {
        var cache = new ReadThroughCache(Db);
        var loads = 0;
        Task<T?> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return Task.FromResult<T?>(value);
        }

        await cache.GetOrLoadAsync(key, Load, OneMinute, Cancellation);
        var second = await cache.GetOrLoadAsync(key, Load, OneMinute, Cancellation);

        ((string?)await Db.StringGetAsync($"cache:{key}")).Should().Be(json, $"GetOrLoadAsync(\"{key}\", …) stores the loaded value as JSON at cache:{key}");
        loads.Should().Be(1, $"{json} at cache:{key} is a cached value: the second GetOrLoadAsync(\"{key}\", …) is a hit and must not run the loader (the seed's `if cached:` treated falsy values as misses)");
        second.Should().BeEquivalentTo(value, $"the second GetOrLoadAsync(\"{key}\", …) returns the cached {json}");
        (cache.Hits, cache.Misses).Should().Be((1L, 1L), $"(Hits, Misses) after two calls for {key} is (1, 1)");
    }
}
