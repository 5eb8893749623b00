using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB1;

[Lesson("B1", Level.Advanced, Skill.Redis)]
public sealed class StampedeProtectedCacheTests(RedisFixture redis) : RedisTest(redis)
{
    private const string Key = "product:7";
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public sealed record Product(int Id, decimal Price);

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_hundred_concurrent_misses_on_two_connections_call_the_loader_once()
    {
        await using var second = await Redis.ConnectAgainAsync();
        StampedeProtectedCache[] instances = [new(Db), new(Scope.On(second))];
        var database = new SlowDatabase(new Product(7, 19.99m));

        var calls = Enumerable.Range(0, 100)
            .Select(i => instances[i % 2].GetOrLoadAsync<Product>(Key, database.LoadAsync, OneMinute, Cancellation))
            .ToArray();
        await AllMissedAsync(instances, 100, database, calls);
        database.Release();

        await FluentActions.Awaiting(() => Task.WhenAll(calls)).Should().CompleteWithinAsync(Patience, "100 concurrent GetOrLoadAsync(\"product:7\", …) calls must all finish: every caller waits for the one load, not forever");
        database.Loads.Should().Be(1, "100 callers missed product:7 at once on two connections, and only one of them may query the database: a per-process lock (SemaphoreSlim) lets each instance load once, and checking then setting the Redis lock in two steps lets several in");
        instances.Sum(i => i.Loads).Should().Be(1, "the Loads counters of both instances add up to the one load");
        foreach (var call in calls)
        {
            (await call).Should().Be(new Product(7, 19.99m), "every GetOrLoadAsync(\"product:7\", …) caller gets the one loaded value");
        }

        (await Db.KeyTimeToLiveAsync("cache:product:7")).Should().NotBeNull("the loaded value is cached at cache:product:7 with its TTL");
        (await Db.KeyExistsAsync("lock:cache:product:7")).Should().BeFalse("lock:cache:product:7 is given back (deleted) after the load");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_throwing_loader_leaves_no_waiter_hanging_caches_nothing_and_the_next_call_loads()
    {
        await using var second = await Redis.ConnectAgainAsync();
        StampedeProtectedCache[] instances = [new(Db, waitTimeout: TimeSpan.FromSeconds(5)), new(Scope.On(second), waitTimeout: TimeSpan.FromSeconds(5))];
        var database = new SlowDatabase(failure: new InvalidOperationException("database is down"));

        var calls = Enumerable.Range(0, 100)
            .Select(i => instances[i % 2].GetOrLoadAsync<Product>(Key, database.LoadAsync, OneMinute, Cancellation))
            .ToArray();
        await AllMissedAsync(instances, 100, database, calls);
        database.Release();

        var all = Task.WhenAll(calls);
        await FluentActions.Awaiting(async () =>
        {
            try
            {
                await all;
            }
            catch (InvalidOperationException)
            {
            }
        }).Should().CompleteWithinAsync(Patience, "100 GetOrLoadAsync(\"product:7\", …) calls whose loader throws must all finish: a failed load must release every waiter, on both instances");
        calls.Should().AllSatisfy(call => call.Exception?.InnerException.Should().BeOfType<InvalidOperationException>("a waiter gets the loader's own exception (or reloads, and gets it again)")
            .Which.Message.Should().Be("database is down"));
        calls.Should().OnlyContain(call => call.IsFaulted, "the loader always throws, so no caller can have a value");
        database.Loads.Should().BeInRange(1, 2, "at most one load per instance: the one that failed, and a retry by the other instance");
        (await Scope.KeysAsync()).Should().BeEmpty("a failed load caches nothing and releases lock:cache:product:7");

        var value = await instances[1].GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 20m)), OneMinute, Cancellation);
        value.Should().Be(new Product(7, 20m), "the failure must not poison the key: the next GetOrLoadAsync(\"product:7\", …) loads again");
        (await instances[0].GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("must be a hit"), OneMinute, Cancellation))
            .Should().Be(new Product(7, 20m), "the other instance's GetOrLoadAsync(\"product:7\", …) is a hit on the value just loaded");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_holder_that_dies_does_not_block_others_once_its_lock_expires()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var dying = new StampedeProtectedCache(Db, lockExpiry: TimeSpan.FromMilliseconds(300));
        var survivor = new StampedeProtectedCache(Scope.On(second));
        var hung = new TaskCompletionSource<Product?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dyingCall = dying.GetOrLoadAsync(Key, _ => hung.Task, OneMinute, Cancellation);
        try
        {
            await Eventually.UntilAsync("the first instance to start its load", () => Task.FromResult(dying.Loads), n => n == 1, watch: [dyingCall], cancellationToken: Cancellation);

            var survivorCall = survivor.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 5m)), OneMinute, Cancellation);

            await FluentActions.Awaiting(() => survivorCall).Should().CompleteWithinAsync(Patience, "the survivor's GetOrLoadAsync(\"product:7\", …) must finish: the dead holder's lock expires after 300 ms (lockExpiry) and the survivor then loads");
            (await survivorCall).Should().Be(new Product(7, 5m), "the survivor returns the value its own loader produced");
            survivor.Loads.Should().Be(1, "the survivor loaded once, after the dead holder's lock expired");
        }
        finally
        {
            hung.TrySetCanceled(Cancellation);
        }

        await FluentActions.Awaiting(() => dyingCall).Should().ThrowAsync<OperationCanceledException>("the dying holder's GetOrLoadAsync ends with its loader, which the test cancelled");
        (await dying.GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("must be a hit"), OneMinute, Cancellation))
            .Should().Be(new Product(7, 5m), "GetOrLoadAsync(\"product:7\", …) on the late holder is a hit on the survivor's value: the late holder's release must not touch it");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task A_waiter_gives_up_with_TimeoutException_after_its_deadline()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var holder = new StampedeProtectedCache(Db, lockExpiry: OneMinute);
        var waiter = new StampedeProtectedCache(Scope.On(second), waitTimeout: TimeSpan.FromMilliseconds(300));
        var hung = new TaskCompletionSource<Product?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = holder.GetOrLoadAsync(Key, _ => hung.Task, OneMinute, Cancellation);
        try
        {
            await Eventually.UntilAsync("the holder to start its load", () => Task.FromResult(holder.Loads), n => n == 1, watch: [holding], cancellationToken: Cancellation);

            (await FluentActions.Awaiting(() => waiter.GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("the lock is held"), OneMinute, Cancellation))
                .Should().ThrowAsync<TimeoutException>("the waiter's GetOrLoadAsync(\"product:7\", …) must give up with TimeoutException: the other instance holds the lock for a minute and the waiter's deadline (waitTimeout) is 300 ms"))
                .Which.Message.Should().Contain("product:7", "the TimeoutException's message names the key");
            waiter.Loads.Should().Be(0, "the waiter that timed out never ran its loader");
        }
        finally
        {
            hung.TrySetResult(new Product(7, 1m));
        }

        (await holding).Should().Be(new Product(7, 1m), "the holder's GetOrLoadAsync returns what its loader produced");
    }

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_hit_is_one_GET_and_does_not_touch_the_lock()
    {
        await new StampedeProtectedCache(Db).GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 3m)), OneMinute, Cancellation);
        var (database, counter) = CommandCounter.Wrap(Db);
        var cache = new StampedeProtectedCache(database);

        var value = await cache.GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("must be a hit"), OneMinute, Cancellation);

        value.Should().Be(new Product(7, 3m), "GetOrLoadAsync(\"product:7\", …) on a warm cache returns the cached value");
        counter.Calls.Should().Equal(["StringGetAsync"], "a hit reads cache:product:7 and nothing else: no lock, no script");
        (cache.Hits, cache.Misses, cache.Loads).Should().Be((1L, 0L, 0L), "(Hits, Misses, Loads) after one hit is (1, 0, 0)");
    }

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_value_another_instance_stored_between_this_miss_and_this_lock_is_not_loaded_again()
    {
        // Right after this instance's first command (its miss), another instance fills the key and lets go of the lock.
        var other = new StampedeProtectedCache(Db);
        var commands = 0;
        var (observed, between) = BetweenCommands.Wrap(Db, async () =>
        {
            if (++commands == 2)
            {
                await other.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 2m)), OneMinute, Cancellation);
            }

            return null;
        });
        var cache = new StampedeProtectedCache(observed);

        var product = await cache.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 99m)), OneMinute, Cancellation);

        other.Loads.Should().Be(1, "the other instance filled cache:{0} between this instance's miss and its lock", Key);
        cache.Loads.Should().Be(0, "this instance must look for the value again once it holds the lock: the other instance stored it in between, so loading again is the stampede the lock is for");
        product.Should().Be(new Product(7, 2m), "GetOrLoadAsync returns the value the other instance stored");
        between.Checks.Should().BeGreaterThan(2, "GetOrLoadAsync works through the Redis it was given");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task An_unreadable_cached_value_is_a_miss_and_is_loaded_again()
    {
        var cache = new StampedeProtectedCache(Db);
        await Db.StringSetAsync($"cache:{Key}", "not json at all");

        var product = await cache.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 3m)), OneMinute, Cancellation);

        product.Should().Be(new Product(7, 3m), "a value at cache:{0} that does not deserialize (an old schema) is a miss: GetOrLoadAsync loads, not returns a default", Key);
        cache.Loads.Should().Be(1, "the unreadable value is replaced by one load");
        ((string?)await Db.StringGetAsync($"cache:{Key}")).Should().Contain("3", "the loaded value overwrites the unreadable one at cache:{0}", Key);
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task The_defaults_and_the_json_options_given_are_used()
    {
        var defaults = new StampedeProtectedCache(Db);
        var shorter = new StampedeProtectedCache(Db, lockExpiry: TimeSpan.FromSeconds(3));
        var snake = new StampedeProtectedCache(Db, json: new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

        await snake.GetOrLoadAsync("priced", _ => Task.FromResult<PricedItem?>(new PricedItem(1, 9.5m)), OneMinute, Cancellation);

        (defaults.LockExpiry, defaults.WaitTimeout).Should().Be((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), "without arguments the lock expires after 10 s and a caller waits twice that, 20 s");
        shorter.WaitTimeout.Should().Be(TimeSpan.FromSeconds(6), "waitTimeout defaults to twice the lockExpiry given (3 s)");
        ((string?)await Db.StringGetAsync("cache:priced")).Should().Contain("unit_price", "new StampedeProtectedCache(db, json: snake_case options) must store values with those options");
    }

    private sealed record PricedItem(int ItemId, decimal UnitPrice);

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_waiter_keeps_its_deadline_on_the_clock_it_was_given()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var clock = new FakeTimeProvider();
        var holder = new StampedeProtectedCache(Db, lockExpiry: OneMinute);
        var waiter = new StampedeProtectedCache(Scope.On(second), waitTimeout: TimeSpan.FromMinutes(1), time: clock);
        var hung = new TaskCompletionSource<Product?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = holder.GetOrLoadAsync(Key, _ => hung.Task, OneMinute, Cancellation);
        try
        {
            await Eventually.UntilAsync("the holder to start its load", () => Task.FromResult(holder.Loads), n => n == 1, watch: [holding], cancellationToken: Cancellation);
            var waiting = waiter.GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("the lock is held"), OneMinute, Cancellation);

            // A minute of the waiter's clock passes in moments of real time: its pauses and its deadline are on that clock.
            await Eventually.UntilAsync(
                "the waiter to give up once a minute has passed on the TimeProvider it was given",
                () =>
                {
                    clock.Advance(TimeSpan.FromSeconds(5));
                    return Task.FromResult(waiting.IsCompleted);
                },
                done => done,
                TimeSpan.FromSeconds(5),
                cancellationToken: Cancellation);
            await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<TimeoutException>("the waiter's deadline (waitTimeout: 1 min) is on its TimeProvider, which moved past it while the holder kept the lock");
        }
        finally
        {
            hung.TrySetResult(new Product(7, 1m));
        }

        await holding;
    }

    [RedisFact]
    [Rubric(Rubric.PerformanceTuning)]
    public async Task A_waiter_pauses_between_polls_with_growing_pauses_and_gives_up_exactly_at_its_deadline()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var clock = new SteppingClock();
        var holder = new StampedeProtectedCache(Db, lockExpiry: OneMinute);
        var waitTimeout = TimeSpan.FromSeconds(1);
        var waiter = new StampedeProtectedCache(Scope.On(second), waitTimeout: waitTimeout, time: clock);
        var hung = new TaskCompletionSource<Product?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = holder.GetOrLoadAsync(Key, _ => hung.Task, OneMinute, Cancellation);
        try
        {
            await Eventually.UntilAsync("the holder to start its load", () => Task.FromResult(holder.Loads), n => n == 1, watch: [holding], cancellationToken: Cancellation);

            // The clock moves by exactly each pause the waiter starts, so the time that passes is the sum of its pauses.
            var waiting = waiter.GetOrLoadAsync<Product>(Key, _ => throw new InvalidOperationException("the lock is held"), OneMinute, Cancellation);
            var gaveUpAfter = await clock.RunWaitByWaitAsync(waiting, waitTimeout + TimeSpan.FromSeconds(10), Cancellation);
            await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<TimeoutException>("the waiter's GetOrLoadAsync gives up with TimeoutException: the other instance holds the lock for a minute");

            var pauses = clock.Waits;
            var shown = string.Join(", ", pauses.Select(p => p.TotalMilliseconds));
            gaveUpAfter.Should().Be(waitTimeout, "the waiter must give up when its waitTimeout (1 s) has passed on its clock, not a pause later: a pause that would end after the deadline is cut to the time left (pauses: {0})", shown);
            pauses.Should().HaveCountGreaterThan(2, "the waiter polls cache:product:7 again and again, pausing on the TimeProvider it was given between polls").And.AllSatisfy(p => p.Should().BePositive("every pause is a real wait: polling at once hammers Redis (pauses: {0})", shown));
            pauses[^2].Should().BeGreaterThan(pauses[0], "the pauses between polls grow (pauses: {0}): polling as fast as at first, or ever faster, hammers Redis while the holder loads", shown);
            pauses.Should().AllSatisfy(p => p.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100), "no pause between polls is longer than 100 ms, so a waiter sees a stored value at most 100 ms late: pauses that keep doubling leave callers waiting long after the value is there (pauses: {0})", shown));
        }
        finally
        {
            hung.TrySetResult(new Product(7, 1m));
        }

        await holding;
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task The_same_key_read_as_another_type_during_a_fill_gets_its_own_value()
    {
        var cache = new StampedeProtectedCache(Db);
        var hung = new TaskCompletionSource<Product?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var filling = cache.GetOrLoadAsync(Key, _ => hung.Task, OneMinute, Cancellation);
        await Eventually.UntilAsync("the first fill to start its load", () => Task.FromResult(cache.Loads), n => n == 1, watch: [filling], cancellationToken: Cancellation);

        var asText = cache.GetOrLoadAsync(Key, _ => Task.FromResult<string?>("seven"), OneMinute, Cancellation);
        hung.TrySetResult(new Product(7, 1m));

        (await filling).Should().Be(new Product(7, 1m), "the first GetOrLoadAsync<Product>(\"product:7\", …) returns what its loader produced");
        (await FluentActions.Awaiting(() => asText).Should().NotThrowAsync("GetOrLoadAsync<string>(\"product:7\", …) while a GetOrLoadAsync<Product> of the same key is filling must not share that fill (its value is another type) nor fail casting it"))
            .Which.Should().Be("seven", "GetOrLoadAsync<string>(\"product:7\", …) reads the Product JSON as unreadable for a string, so it is a miss and its own loader runs");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Zero_is_cached_and_null_is_not()
    {
        var cache = new StampedeProtectedCache(Db);
        var zeroLoads = 0;
        for (var call = 0; call < 2; call++)
        {
            (await cache.GetOrLoadAsync("zero", _ => Task.FromResult(Interlocked.Increment(ref zeroLoads) * 0), OneMinute, Cancellation)).Should().Be(0, $"GetOrLoadAsync(\"zero\", …) call {call + 1} returns 0");
        }

        zeroLoads.Should().Be(1, "0 is a value (lesson 10's rule, the seed's `if cached` bug): the second GetOrLoadAsync(\"zero\", …) is a hit");

        for (var call = 0; call < 2; call++)
        {
            (await cache.GetOrLoadAsync<Product>("nobody", _ => Task.FromResult<Product?>(null), OneMinute, Cancellation)).Should().BeNull($"GetOrLoadAsync(\"nobody\", …) call {call + 1} returns the loader's null");
        }

        cache.Loads.Should().Be(3, "Loads is 3: one for 'zero', and one for each GetOrLoadAsync(\"nobody\", …), since a null result is not cached");
        (await Db.KeyExistsAsync("cache:nobody")).Should().BeFalse("nothing may be stored at cache:nobody for a null result");
        (await Db.KeyExistsAsync("lock:cache:nobody")).Should().BeFalse("lock:cache:nobody is released after a null result too");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Cancelling_one_caller_stops_only_its_wait()
    {
        var cache = new StampedeProtectedCache(Db);
        var database = new SlowDatabase(new Product(7, 8m));
        using var impatience = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var impatient = cache.GetOrLoadAsync<Product>(Key, database.LoadAsync, OneMinute, impatience.Token);
        var patient = cache.GetOrLoadAsync<Product>(Key, database.LoadAsync, OneMinute, Cancellation);
        await AllMissedAsync([cache], 2, database, [impatient, patient]);

        await impatience.CancelAsync();
        await FluentActions.Awaiting(() => impatient).Should().ThrowAsync<OperationCanceledException>("the impatient GetOrLoadAsync ends with OperationCanceledException once its own token is cancelled, while the load still runs");
        database.Release();

        (await patient).Should().Be(new Product(7, 8m), "the patient GetOrLoadAsync gets the value: the shared load goes on for the callers that still wait");
        database.Loads.Should().Be(1, "one caller's cancellation must not start a second load");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task Bad_arguments_are_rejected_before_touching_Redis()
    {
        var cache = new StampedeProtectedCache(Db);
        Func<CancellationToken, Task<Product?>> loader = _ => Task.FromResult<Product?>(new Product(1, 1m));

        await FluentActions.Awaiting(() => cache.GetOrLoadAsync(string.Empty, loader, OneMinute, Cancellation))
            .Should().ThrowAsync<ArgumentException>("GetOrLoadAsync(key: \"\", …) must reject an empty key")
            .WithParameterName("key", "the exception from GetOrLoadAsync(\"\", …) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync(Key, loader, TimeSpan.Zero, Cancellation))
            .Should().ThrowAsync<ArgumentOutOfRangeException>("GetOrLoadAsync(\"product:7\", …, ttl: 0) must reject a TTL that is not positive")
            .WithParameterName("ttl", "the exception from GetOrLoadAsync(\"product:7\", …, 0) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.GetOrLoadAsync<Product>(Key, null!, OneMinute, Cancellation))
            .Should().ThrowAsync<ArgumentNullException>("GetOrLoadAsync(\"product:7\", loader: null, …) must reject a null loader")
            .WithParameterName("loader", "the exception from GetOrLoadAsync(\"product:7\", null, …) names the parameter it rejects");
        await FluentActions.Awaiting(() => cache.InvalidateAsync(string.Empty))
            .Should().ThrowAsync<ArgumentException>("InvalidateAsync(key: \"\") must reject an empty key")
            .WithParameterName("key", "the exception from InvalidateAsync(\"\") names the parameter it rejects");
        FluentActions.Invoking(() => new StampedeProtectedCache(null!)).Should().Throw<ArgumentNullException>("new StampedeProtectedCache(redis: null) must reject a null database")
            .WithParameterName("redis", "the exception from new StampedeProtectedCache(null) names the parameter it rejects");
        FluentActions.Invoking(() => new StampedeProtectedCache(Db, lockExpiry: TimeSpan.Zero))
            .Should().Throw<ArgumentOutOfRangeException>("new StampedeProtectedCache(db, lockExpiry: 0) must reject a lock expiry that is not positive")
            .WithParameterName("lockExpiry", "the exception from new StampedeProtectedCache(db, lockExpiry: 0) names the parameter it rejects");
        FluentActions.Invoking(() => new StampedeProtectedCache(Db, waitTimeout: TimeSpan.FromSeconds(-1)))
            .Should().Throw<ArgumentOutOfRangeException>("new StampedeProtectedCache(db, waitTimeout: -1 s) must reject a negative wait timeout")
            .WithParameterName("waitTimeout", "the exception from new StampedeProtectedCache(db, waitTimeout: -1 s) names the parameter it rejects");
        (await Scope.KeysAsync()).Should().BeEmpty("rejected calls write nothing: check the arguments before the first command");
    }

    [RedisFact]
    [Rubric(Rubric.CustomPatterns)]
    public async Task InvalidateAsync_makes_the_next_call_load_again()
    {
        var cache = new StampedeProtectedCache(Db);
        await cache.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 1m)), OneMinute, Cancellation);

        (await cache.InvalidateAsync(Key)).Should().BeTrue("InvalidateAsync(\"product:7\") returns true: product:7 was cached");
        (await cache.GetOrLoadAsync(Key, _ => Task.FromResult<Product?>(new Product(7, 2m)), OneMinute, Cancellation))
            .Should().Be(new Product(7, 2m), "GetOrLoadAsync(\"product:7\", …) after InvalidateAsync runs the loader again (DEL cache:product:7)");
        (await cache.InvalidateAsync("never-cached")).Should().BeFalse("InvalidateAsync(\"never-cached\") returns false: nothing was cached");
    }

    // Waits until every call has done its first GET and missed, while the one load is still blocked.
    private static async Task AllMissedAsync(IReadOnlyList<StampedeProtectedCache> instances, long calls, SlowDatabase database, IEnumerable<Task> watch)
    {
        await Eventually.UntilAsync($"all {calls} calls to miss", () => Task.FromResult(instances.Sum(i => i.Misses)), n => n == calls, watch: watch, cancellationToken: Cancellation);
        await Eventually.UntilAsync("the loader to start", () => Task.FromResult(database.Loads), n => n >= 1, watch: watch, cancellationToken: Cancellation);
    }

    /// <summary>A loader that counts its calls and blocks until the test releases it.</summary>
    private sealed class SlowDatabase(Product? value = null, Exception? failure = null)
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public void Release() => _gate.TrySetResult();

        public async Task<Product?> LoadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _loads);
            await _gate.Task;
            return failure is null ? value : throw failure;
        }
    }
}
