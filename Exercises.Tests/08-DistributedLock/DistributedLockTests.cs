using System.Collections.Concurrent;
using StackExchange.Redis;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson08;

[Lesson("08", Level.Advanced, Skill.Redis)]
public sealed class DistributedLockTests(RedisFixture redis) : RedisTest(redis)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    // Redis expiry is real time while the waiter's clock is fake: the holder must not expire during the test.
    private static readonly TimeSpan HeldThroughout = TimeSpan.FromMinutes(5);

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task Seed_example_a_second_process_waits_until_the_first_releases()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var clock = new SteppingClock();
        var process1 = new DistributedLock(Db, "critical_section", HeldThroughout);
        var process2 = new DistributedLock(Scope.On(second), "critical_section", time: clock);
        var timeout = TimeSpan.FromMinutes(1);

        (await process1.TryAcquireAsync()).Should().BeTrue("nobody holds critical_section yet");
        var waiting = process2.AcquireAsync(timeout, Cancellation);
        var finishedWhileHeld = await clock.RunUntilCompletedAsync(waiting, Step, TimeSpan.FromSeconds(20), Cancellation);
        finishedWhileHeld.Should().BeNull("process 2 must keep waiting while process 1 holds critical_section");

        (await process1.ReleaseAsync()).Should().BeTrue("process 1 still holds critical_section");
        var finishedAfter = await clock.RunUntilCompletedAsync(waiting, Step, timeout, Cancellation);

        finishedAfter.Should().NotBeNull("process 2 must get critical_section once process 1 released it, well before its timeout");
        await waiting;
        process2.IsHeld.Should().BeTrue("AcquireAsync returned, so process 2 holds the lock");
        (await process1.TryAcquireAsync()).Should().BeFalse("process 2 holds critical_section now");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task Only_one_of_20_contenders_over_two_connections_is_inside_at_a_time()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var databases = new[] { Db, Scope.On(second) };
        const int contenders = 20;
        var shared = 0;
        var inside = 0;
        var maxInside = 0;
        var tokensInEntryOrder = new ConcurrentQueue<long?>();
        var released = new ConcurrentBag<bool>();

        await Task.WhenAll(Enumerable.Range(0, contenders).Select(async i =>
        {
            var gate = new DistributedLock(databases[i % 2], "shared-counter");
            await gate.AcquireAsync(TimeSpan.FromMinutes(1), Cancellation);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            tokensInEntryOrder.Enqueue(gate.FencingToken);
            var read = shared;
            await Task.Yield();
            shared = read + 1;
            Interlocked.Decrement(ref inside);
            released.Add(await gate.ReleaseAsync());
        }));

        maxInside.Should().Be(1, "the lock must let only one contender into the critical section at a time");
        shared.Should().Be(contenders, "no read-modify-write may be lost when the lock excludes the others");
        released.Should().AllSatisfy(r => r.Should().BeTrue("each holder released its own, unexpired lock"));
        tokensInEntryOrder.Should().BeInAscendingOrder("each new holder's fencing token must be larger than the previous holder's")
            .And.OnlyHaveUniqueItems("two holders must never get the same fencing token");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task An_expired_lock_taken_by_another_is_not_released_by_the_old_owner()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var (name, oldOwner, newOwner) = await TakenOverAfterExpiryAsync(second);

        (await oldOwner.ReleaseAsync()).Should().BeFalse("the old owner's token is no longer in lock:{" + name + "}: compare before you delete");

        oldOwner.IsHeld.Should().BeFalse("a failed release tells the old owner it had lost the lock");
        oldOwner.FencingToken.Should().BeNull("the old owner holds nothing any more");
        (await new DistributedLock(Db, name).TryAcquireAsync()).Should().BeFalse("the new owner must still hold the lock after the old owner's release");
        (await newOwner.ReleaseAsync()).Should().BeTrue("the new owner's token must still be in lock:{" + name + "}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task An_expired_lock_taken_by_another_is_not_extended_by_the_old_owner()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var (name, oldOwner, newOwner) = await TakenOverAfterExpiryAsync(second);

        (await oldOwner.ExtendAsync(TimeSpan.FromHours(1))).Should().BeFalse("the old owner's token is no longer in lock:{" + name + "}: compare before PEXPIRE");

        oldOwner.IsHeld.Should().BeFalse("a failed extend tells the old owner it had lost the lock");
        (await Db.KeyTimeToLiveAsync($"lock:{{{name}}}")).Should().NotBeNull().And.BeLessThanOrEqualTo(newOwner.Expiry, "the new owner's expiry must not be replaced by the old owner's hour");
        (await newOwner.ExtendAsync()).Should().BeTrue("the new owner still holds the lock");
        (await newOwner.ReleaseAsync()).Should().BeTrue("the new owner's token must still be in lock:{" + name + "}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_throws_TimeoutException_naming_the_lock_only_after_its_timeout()
    {
        var clock = new SteppingClock();
        var holder = new DistributedLock(Db, "nightly-report", HeldThroughout);
        var waiter = new DistributedLock(Db, "nightly-report", time: clock);
        var timeout = TimeSpan.FromSeconds(30);
        (await holder.TryAcquireAsync()).Should().BeTrue("nobody holds nightly-report yet");

        var waiting = waiter.AcquireAsync(timeout, Cancellation);
        var gaveUpAfter = await clock.RunUntilCompletedAsync(waiting, Step, timeout + TimeSpan.FromSeconds(10), Cancellation);

        gaveUpAfter.Should().NotBeNull("AcquireAsync must give up once its 30 s timeout has passed on the clock it was given");
        gaveUpAfter.Should().BeGreaterThanOrEqualTo(timeout, "AcquireAsync must keep retrying for its whole timeout, not give up after a fixed number of tries");
        var failure = await FluentActions.Awaiting(() => waiting).Should().ThrowExactlyAsync<TimeoutException>("a lock that stays taken is a timeout, not a silent false or a bare Exception");
        failure.Which.Message.Should().Contain("nightly-report", "the message must name the lock that could not be acquired");
        waiter.IsHeld.Should().BeFalse();
        (await holder.ReleaseAsync()).Should().BeTrue("the holder kept the lock all along");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_stops_waiting_when_cancelled()
    {
        var clock = new SteppingClock();
        var holder = new DistributedLock(Db, "jobs", HeldThroughout);
        var waiter = new DistributedLock(Db, "jobs", time: clock);
        (await holder.TryAcquireAsync()).Should().BeTrue("nobody holds jobs yet");
        using var cancel = new CancellationTokenSource();

        var waiting = waiter.AcquireAsync(TimeSpan.FromHours(1), cancel.Token);
        await clock.WaitUntilWaitingAsync(waiting, Cancellation);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>("cancelling the token must end the wait at once");
        waiter.IsHeld.Should().BeFalse();
        (await holder.ReleaseAsync()).Should().BeTrue("the holder kept the lock all along");
        (await new DistributedLock(Db, "jobs").TryAcquireAsync()).Should().BeTrue("a cancelled waiter must not take the lock later");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_with_a_cancelled_token_does_not_take_even_a_free_lock()
    {
        var waiter = new DistributedLock(Db, "jobs");

        var act = () => waiter.AcquireAsync(TimeSpan.FromSeconds(5), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>("a caller that already gave up must not end up holding the lock");
        waiter.IsHeld.Should().BeFalse();
        (await Scope.KeysAsync()).Should().BeEmpty("a cancelled acquire must not write lock:{jobs}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task Fencing_tokens_strictly_increase_across_successive_holders()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var a = new DistributedLock(Db, "invoice-42");
        var b = new DistributedLock(Scope.On(second), "invoice-42");
        a.FencingToken.Should().BeNull("a lock never acquired has no fencing token");

        var tokens = new List<long?>();
        foreach (var holder in new[] { a, b, a, b })
        {
            await holder.AcquireAsync(TimeSpan.Zero, Cancellation);
            tokens.Add(holder.FencingToken);
            (await holder.ReleaseAsync()).Should().BeTrue("each holder releases its own lock");
            holder.FencingToken.Should().BeNull("after release the instance holds no token");
        }

        tokens.Should().NotContainNulls("every acquisition hands out a fencing token")
            .And.BeInAscendingOrder("INCR of lock:{invoice-42}:fence makes every new holder's token larger")
            .And.OnlyHaveUniqueItems("a fencing token is never handed out twice");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task A_new_owner_after_expiry_gets_a_larger_fencing_token()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var (name, oldOwner, newOwner) = await TakenOverAfterExpiryAsync(second);

        newOwner.FencingToken.Should().BeGreaterThan(
            oldOwner.FencingToken!.Value,
            "the resource must be able to refuse the old owner of " + name + " who still believes it holds the lock");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task Await_using_releases_and_disposing_a_non_holder_leaves_the_holders_lock()
    {
        await using (var first = new DistributedLock(Db, "report"))
        {
            await first.AcquireAsync(TimeSpan.Zero, Cancellation);
            first.IsHeld.Should().BeTrue();
        }

        var holder = new DistributedLock(Db, "report");
        (await holder.TryAcquireAsync()).Should().BeTrue("leaving the await using block must release lock:{report}");

        await using (var bystander = new DistributedLock(Db, "report"))
        {
            (await bystander.TryAcquireAsync()).Should().BeFalse("holder has it");
        }

        (await new DistributedLock(Db, "report").TryAcquireAsync()).Should().BeFalse("disposing an instance that never got the lock must not release the holder's");
        (await holder.ReleaseAsync()).Should().BeTrue("the holder's token must still be in lock:{report}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_disposed_lock_cannot_be_acquired_again()
    {
        var gate = new DistributedLock(Db, "report");
        await gate.DisposeAsync();

        var act = () => gate.TryAcquireAsync();

        await act.Should().ThrowAsync<ObjectDisposedException>("a disposed lock would never be released by anyone");
        (await Scope.KeysAsync()).Should().BeEmpty("a disposed lock must not write lock:{report}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task Release_when_not_held_returns_false_and_leaves_others_alone()
    {
        var idle = new DistributedLock(Db, "payroll");
        (await idle.ReleaseAsync()).Should().BeFalse("a lock never acquired cannot be released");
        (await Scope.KeysAsync()).Should().BeEmpty("releasing a lock nobody holds writes nothing");

        var holder = new DistributedLock(Db, "payroll");
        (await holder.TryAcquireAsync()).Should().BeTrue();
        (await idle.ReleaseAsync()).Should().BeFalse("another instance holds payroll");
        (await idle.ExtendAsync()).Should().BeFalse("another instance holds payroll");
        (await holder.ReleaseAsync()).Should().BeTrue("the idle instance must not have touched the holder's lock");
        (await holder.ReleaseAsync()).Should().BeFalse("a lock already released cannot be released twice");
        holder.IsHeld.Should().BeFalse();
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_held_lock_has_an_expiry_and_ExtendAsync_resets_it()
    {
        var gate = new DistributedLock(Db, "sync", TimeSpan.FromSeconds(20));
        (await gate.TryAcquireAsync()).Should().BeTrue();

        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().NotBeNull("a lock without an expiry blocks everyone forever once its holder crashes")
            .And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));

        (await gate.ExtendAsync(TimeSpan.FromMinutes(10))).Should().BeTrue("the lock is still ours");
        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().BeGreaterThan(TimeSpan.FromMinutes(1), "ExtendAsync(10 min) must PEXPIRE lock:{sync} to 10 minutes");

        (await gate.ExtendAsync()).Should().BeTrue("the lock is still ours");
        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(20), "ExtendAsync() without an argument uses the lock's Expiry");
        gate.IsHeld.Should().BeTrue();
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_second_acquire_by_the_holder_is_rejected_and_keeps_the_lock()
    {
        var gate = new DistributedLock(Db, "deploy");
        (await gate.TryAcquireAsync()).Should().BeTrue();
        var token = gate.FencingToken;

        var again = () => gate.TryAcquireAsync();
        var wait = () => gate.AcquireAsync(TimeSpan.FromSeconds(1), Cancellation);

        await again.Should().ThrowAsync<InvalidOperationException>("the lock is not re-entrant: a second acquire by its holder is a bug in the caller");
        await wait.Should().ThrowAsync<InvalidOperationException>("the lock is not re-entrant");
        gate.IsHeld.Should().BeTrue("the rejected call must not drop the hold");
        gate.FencingToken.Should().Be(token, "the rejected call must not draw a new fencing token");
        (await gate.ReleaseAsync()).Should().BeTrue("the original hold is intact");
    }

    [RedisFact]
    [Rubric(Rubric.LuaScripts)]
    public async Task The_lock_and_its_fence_share_one_hash_tag()
    {
        var gate = new DistributedLock(Db, "orders");

        await gate.AcquireAsync(TimeSpan.Zero, Cancellation);

        (await Scope.KeysAsync()).Should().BeEquivalentTo(
            [Scope.Prefix + "lock:{orders}", Scope.Prefix + "lock:{orders}:fence"],
            "the acquire script touches lock:{name} and lock:{name}:fence, which must share a hash slot on Redis Cluster");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task Bad_arguments_are_rejected_and_write_nothing()
    {
        var noRedis = () => new DistributedLock(null!, "x");
        var noName = () => new DistributedLock(Db, null!);
        var emptyName = () => new DistributedLock(Db, "");
        var blankName = () => new DistributedLock(Db, "  ");
        var zeroExpiry = () => new DistributedLock(Db, "x", TimeSpan.Zero);
        var negativeExpiry = () => new DistributedLock(Db, "x", TimeSpan.FromSeconds(-1));
        var gate = new DistributedLock(Db, "x");
        var negativeTimeout = () => gate.AcquireAsync(TimeSpan.FromMilliseconds(-1), Cancellation);
        var zeroExtension = () => gate.ExtendAsync(TimeSpan.Zero);

        noRedis.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("redis");
        noName.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("name");
        emptyName.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
        blankName.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
        zeroExpiry.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("expiry");
        negativeExpiry.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("expiry");
        (await negativeTimeout.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("timeout");
        (await zeroExtension.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("expiry");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>An old owner whose short hold expired, and a new owner on another connection who took the lock after it.</summary>
    private async Task<(string Name, DistributedLock OldOwner, DistributedLock NewOwner)> TakenOverAfterExpiryAsync(IConnectionMultiplexer second)
    {
        const string name = "batch";
        var oldOwner = new DistributedLock(Db, name, TimeSpan.FromMilliseconds(300));
        var newOwner = new DistributedLock(Scope.On(second), name, TimeSpan.FromSeconds(10));
        (await oldOwner.TryAcquireAsync()).Should().BeTrue("nobody holds " + name + " yet");

        await Eventually.UntilAsync(
            "the old owner's 300 ms hold on lock:{" + name + "} to expire so the new owner can take it",
            () => newOwner.TryAcquireAsync(),
            taken => taken,
            timeout: TimeSpan.FromSeconds(10),
            cancellationToken: Cancellation);
        return (name, oldOwner, newOwner);
    }
}
