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

        (await process1.TryAcquireAsync()).Should().BeTrue("process 1's TryAcquireAsync() on critical_section succeeds: nobody holds it yet");
        var waiting = process2.AcquireAsync(timeout, Cancellation);
        var finishedWhileHeld = await clock.RunUntilCompletedAsync(waiting, Step, TimeSpan.FromSeconds(20), Cancellation);
        finishedWhileHeld.Should().BeNull("process 2's AcquireAsync(1 min) must keep waiting while process 1 holds critical_section (it returned after that much clock time)");

        (await process1.ReleaseAsync()).Should().BeTrue("process 1's ReleaseAsync() returns true: it still holds critical_section");
        var finishedAfter = await clock.RunUntilCompletedAsync(waiting, Step, timeout, Cancellation);

        finishedAfter.Should().NotBeNull("process 2's AcquireAsync(1 min) must get critical_section once process 1 released it, well before its timeout: it retries, not just tries once");
        await waiting;
        process2.IsHeld.Should().BeTrue("process 2's AcquireAsync returned, so IsHeld is true");
        (await process1.TryAcquireAsync()).Should().BeFalse("process 1's TryAcquireAsync() fails: process 2 holds critical_section now");
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

        await FailFast.AllAsync(Enumerable.Range(0, contenders).Select(async i =>
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
        }), Cancellation);

        maxInside.Should().Be(1, "AcquireAsync on shared-counter by 20 contenders over two connections must let only one into the critical section at a time: checking whether lock:{shared-counter} is free and then setting it, in two steps, lets two in");
        shared.Should().Be(contenders, "no read-modify-write may be lost when the lock excludes the others");
        released.Should().AllSatisfy(r => r.Should().BeTrue("each holder's ReleaseAsync() returns true: it released its own, unexpired lock"));
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

        (await oldOwner.ReleaseAsync()).Should().BeFalse("the old owner's ReleaseAsync() returns false: its token is no longer in lock:{" + name + "}; a plain DEL, or a GET then DEL in two steps, deletes the new owner's lock");

        oldOwner.IsHeld.Should().BeFalse("after a failed ReleaseAsync() the old owner's IsHeld is false: it had lost the lock");
        oldOwner.FencingToken.Should().BeNull("after a failed ReleaseAsync() the old owner's FencingToken is null: it holds nothing any more");
        (await new DistributedLock(Db, name).TryAcquireAsync()).Should().BeFalse("a third instance's TryAcquireAsync() fails: the new owner must still hold the lock after the old owner's ReleaseAsync()");
        (await newOwner.ReleaseAsync()).Should().BeTrue("the new owner's token must still be in lock:{" + name + "}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task An_expired_lock_taken_by_another_is_not_extended_by_the_old_owner()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var (name, oldOwner, newOwner) = await TakenOverAfterExpiryAsync(second);

        (await oldOwner.ExtendAsync(TimeSpan.FromHours(1))).Should().BeFalse("the old owner's ExtendAsync(1 h) returns false: its token is no longer in lock:{" + name + "}; a plain PEXPIRE extends the new owner's lock");

        oldOwner.IsHeld.Should().BeFalse("after a failed ExtendAsync the old owner's IsHeld is false: it had lost the lock");
        (await Db.KeyTimeToLiveAsync($"lock:{{{name}}}")).Should().NotBeNull("the new owner's lock:{" + name + "} keeps an expiry")
            .And.BeLessThanOrEqualTo(newOwner.Expiry, "the old owner's ExtendAsync(1 h) must not replace the new owner's expiry with an hour");
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
        (await holder.TryAcquireAsync()).Should().BeTrue("the holder's TryAcquireAsync() on nightly-report succeeds: nobody holds it yet");

        var waiting = waiter.AcquireAsync(timeout, Cancellation);
        var gaveUpAfter = await clock.RunUntilCompletedAsync(waiting, Step, timeout + TimeSpan.FromSeconds(10), Cancellation);

        gaveUpAfter.Should().NotBeNull("AcquireAsync(30 s) on a lock that stays taken must give up once 30 s have passed on the TimeProvider it was given (waits with Task.Delay(…, time, …)), not on the real clock");
        gaveUpAfter.Should().BeGreaterThanOrEqualTo(timeout, "AcquireAsync(30 s) must keep retrying for its whole timeout, not give up after a fixed number of tries");
        var failure = await FluentActions.Awaiting(() => waiting).Should().ThrowExactlyAsync<TimeoutException>("AcquireAsync(30 s) on a lock that stays taken throws TimeoutException, not a silent false or a bare Exception (the seed's __enter__ gave up silently)");
        failure.Which.Message.Should().Contain("nightly-report", "the TimeoutException's message must name the lock that could not be acquired");
        waiter.IsHeld.Should().BeFalse("after a timed-out AcquireAsync the waiter's IsHeld is false");
        (await holder.ReleaseAsync()).Should().BeTrue("the holder kept the lock all along");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_pauses_grow_and_never_wait_past_the_timeout()
    {
        var clock = new SteppingClock();
        var holder = new DistributedLock(Db, "backoff", HeldThroughout);
        var waiter = new DistributedLock(Db, "backoff", time: clock);
        var timeout = TimeSpan.FromSeconds(2);
        (await holder.TryAcquireAsync()).Should().BeTrue("the holder's TryAcquireAsync() on backoff succeeds: nobody holds it yet");

        // The clock moves by exactly each pause the waiter starts, so the time that passes is the sum of its pauses.
        var waiting = waiter.AcquireAsync(timeout, Cancellation);
        var gaveUpAfter = await clock.RunWaitByWaitAsync(waiting, timeout + TimeSpan.FromSeconds(10), Cancellation);
        await FluentActions.Awaiting(() => waiting).Should().ThrowExactlyAsync<TimeoutException>("AcquireAsync(2 s) on a lock that stays taken throws TimeoutException");

        var pauses = clock.Waits;
        gaveUpAfter.Should().Be(timeout, "AcquireAsync(2 s) must give up when its 2 s have passed, not a pause later: a pause that would end after the timeout is cut to the time left (pauses: {0})", string.Join(", ", pauses.Select(p => p.TotalMilliseconds)));
        pauses.Should().HaveCountGreaterThan(2, "AcquireAsync(2 s) retries, pausing on its clock between attempts").And.AllSatisfy(p => p.Should().BePositive("every pause is a real wait: retrying at once hammers Redis"));
        pauses[^2].Should().BeGreaterThan(pauses[0], "the pauses grow (pauses: {0}): retrying as fast as at first hammers Redis while the holder works", string.Join(", ", pauses.Select(p => p.TotalMilliseconds)));
        (await holder.ReleaseAsync()).Should().BeTrue("the holder kept the lock all along");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_stops_waiting_when_cancelled()
    {
        var clock = new SteppingClock();
        var holder = new DistributedLock(Db, "jobs", HeldThroughout);
        var waiter = new DistributedLock(Db, "jobs", time: clock);
        (await holder.TryAcquireAsync()).Should().BeTrue("the holder's TryAcquireAsync() on jobs succeeds: nobody holds it yet");
        using var cancel = new CancellationTokenSource();

        var waiting = waiter.AcquireAsync(TimeSpan.FromHours(1), cancel.Token);
        await clock.WaitUntilWaitingAsync(waiting, Cancellation);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>("cancelling the token given to AcquireAsync(1 h, token) must end the wait at once with OperationCanceledException (pass the token to Task.Delay)");
        waiter.IsHeld.Should().BeFalse("after a cancelled AcquireAsync the waiter's IsHeld is false");
        (await holder.ReleaseAsync()).Should().BeTrue("the holder kept the lock all along");
        (await new DistributedLock(Db, "jobs").TryAcquireAsync()).Should().BeTrue("a new TryAcquireAsync() on jobs succeeds after the holder released: a cancelled waiter must not take the lock later");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task AcquireAsync_with_a_cancelled_token_does_not_take_even_a_free_lock()
    {
        var waiter = new DistributedLock(Db, "jobs");

        var act = () => waiter.AcquireAsync(TimeSpan.FromSeconds(5), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>("AcquireAsync(5 s, an already cancelled token) must throw OperationCanceledException before trying: a caller that already gave up must not end up holding the lock");
        waiter.IsHeld.Should().BeFalse("after AcquireAsync with a cancelled token the waiter's IsHeld is false");
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
        a.FencingToken.Should().BeNull("FencingToken of a lock never acquired is null");

        var tokens = new List<long?>();
        foreach (var holder in new[] { a, b, a, b })
        {
            await holder.AcquireAsync(TimeSpan.Zero, Cancellation);
            tokens.Add(holder.FencingToken);
            (await holder.ReleaseAsync()).Should().BeTrue("each holder's ReleaseAsync() right after AcquireAsync returns true: it releases its own lock");
            holder.FencingToken.Should().BeNull("FencingToken after ReleaseAsync() is null: the instance holds no token");
        }

        tokens.Should().NotContainNulls("FencingToken after every successful AcquireAsync is set: every acquisition hands out a fencing token")
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
            first.IsHeld.Should().BeTrue("IsHeld after AcquireAsync(TimeSpan.Zero) on a free lock is true");
        }

        var holder = new DistributedLock(Db, "report");
        (await holder.TryAcquireAsync()).Should().BeTrue("TryAcquireAsync() after the await using block succeeds: DisposeAsync must release lock:{report}");

        await using (var bystander = new DistributedLock(Db, "report"))
        {
            (await bystander.TryAcquireAsync()).Should().BeFalse("the bystander's TryAcquireAsync() fails: holder has it");
        }

        (await new DistributedLock(Db, "report").TryAcquireAsync()).Should().BeFalse("TryAcquireAsync() after the bystander's DisposeAsync fails: disposing an instance that never got the lock must not release the holder's");
        (await holder.ReleaseAsync()).Should().BeTrue("the holder's ReleaseAsync() returns true: its token must still be in lock:{report}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_disposed_lock_cannot_be_acquired_again()
    {
        var gate = new DistributedLock(Db, "report");
        await gate.DisposeAsync();

        var act = () => gate.TryAcquireAsync();

        await act.Should().ThrowAsync<ObjectDisposedException>("TryAcquireAsync() after DisposeAsync() must throw ObjectDisposedException: a disposed lock would never be released by anyone");
        (await Scope.KeysAsync()).Should().BeEmpty("TryAcquireAsync() on a disposed lock must not write lock:{report}");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    [Rubric(Rubric.LuaScripts)]
    public async Task Release_when_not_held_returns_false_and_leaves_others_alone()
    {
        var idle = new DistributedLock(Db, "payroll");
        (await idle.ReleaseAsync()).Should().BeFalse("ReleaseAsync() on a lock never acquired returns false");
        (await Scope.KeysAsync()).Should().BeEmpty("ReleaseAsync() on a lock nobody holds writes nothing");

        var holder = new DistributedLock(Db, "payroll");
        (await holder.TryAcquireAsync()).Should().BeTrue("the holder's TryAcquireAsync() on payroll succeeds: nobody holds it");
        (await idle.ReleaseAsync()).Should().BeFalse("the idle instance's ReleaseAsync() returns false: another instance holds payroll");
        (await idle.ExtendAsync()).Should().BeFalse("the idle instance's ExtendAsync() returns false: another instance holds payroll");
        (await holder.ReleaseAsync()).Should().BeTrue("the holder's ReleaseAsync() returns true: the idle instance must not have touched the holder's lock");
        (await holder.ReleaseAsync()).Should().BeFalse("a second ReleaseAsync() by the holder returns false: a lock already released cannot be released twice");
        holder.IsHeld.Should().BeFalse("IsHeld after ReleaseAsync() is false");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_held_lock_has_an_expiry_and_ExtendAsync_resets_it()
    {
        var gate = new DistributedLock(Db, "sync", TimeSpan.FromSeconds(20));
        (await gate.TryAcquireAsync()).Should().BeTrue("TryAcquireAsync() on the free lock sync succeeds");

        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().NotBeNull("TryAcquireAsync() must give lock:{sync} an expiry: a lock without one blocks everyone forever once its holder crashes")
            .And.BeGreaterThan(TimeSpan.Zero, "lock:{sync} has time left").And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20), "the expiry is the lock's Expiry, 20 s");

        (await gate.ExtendAsync(TimeSpan.FromMinutes(10))).Should().BeTrue("ExtendAsync(10 min) by the holder returns true: the lock is still ours");
        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().BeGreaterThan(TimeSpan.FromMinutes(1), "ExtendAsync(10 min) must PEXPIRE lock:{sync} to 10 minutes");

        (await gate.ExtendAsync()).Should().BeTrue("ExtendAsync() by the holder returns true: the lock is still ours");
        (await Db.KeyTimeToLiveAsync("lock:{sync}")).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(20), "ExtendAsync() without an argument uses the lock's Expiry, 20 s");
        gate.IsHeld.Should().BeTrue("IsHeld after successful extensions is true");
    }

    [RedisFact]
    [Rubric(Rubric.DistributedLock)]
    public async Task A_second_acquire_by_the_holder_is_rejected_and_keeps_the_lock()
    {
        var gate = new DistributedLock(Db, "deploy");
        (await gate.TryAcquireAsync()).Should().BeTrue("TryAcquireAsync() on the free lock deploy succeeds");
        var token = gate.FencingToken;

        var again = () => gate.TryAcquireAsync();
        var wait = () => gate.AcquireAsync(TimeSpan.FromSeconds(1), Cancellation);

        (await again.Should().ThrowAsync<InvalidOperationException>("a second TryAcquireAsync() by the holder must throw InvalidOperationException: the lock is not re-entrant, a second acquire by its holder is a bug in the caller"))
            .Which.Message.Should().Contain("deploy", "the InvalidOperationException's message must name the lock the caller already holds");
        await wait.Should().ThrowAsync<InvalidOperationException>("AcquireAsync(1 s) by the holder must throw InvalidOperationException: the lock is not re-entrant");
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

        noRedis.Should().Throw<ArgumentNullException>("new DistributedLock(redis: null, \"x\") must reject a null database")
            .WithParameterName("redis", "the exception from new DistributedLock(null, \"x\") names the parameter it rejects");
        noName.Should().Throw<ArgumentNullException>("new DistributedLock(db, name: null) must reject a null name")
            .WithParameterName("name", "the exception from new DistributedLock(db, null) names the parameter it rejects");
        emptyName.Should().Throw<ArgumentException>("new DistributedLock(db, name: \"\") must reject an empty name")
            .WithParameterName("name", "the exception from new DistributedLock(db, \"\") names the parameter it rejects");
        blankName.Should().Throw<ArgumentException>("new DistributedLock(db, name: \"  \") must reject a blank name")
            .WithParameterName("name", "the exception from new DistributedLock(db, \"  \") names the parameter it rejects");
        zeroExpiry.Should().Throw<ArgumentOutOfRangeException>("new DistributedLock(db, \"x\", expiry: 0) must reject an expiry that is not positive")
            .WithParameterName("expiry", "the exception from new DistributedLock(db, \"x\", 0) names the parameter it rejects");
        negativeExpiry.Should().Throw<ArgumentOutOfRangeException>("new DistributedLock(db, \"x\", expiry: -1 s) must reject a negative expiry")
            .WithParameterName("expiry", "the exception from new DistributedLock(db, \"x\", -1 s) names the parameter it rejects");
        await negativeTimeout.Should().ThrowAsync<ArgumentOutOfRangeException>("AcquireAsync(timeout: -1 ms) must reject a negative timeout")
            .WithParameterName("timeout", "the exception from AcquireAsync(-1 ms) names the parameter it rejects");
        await zeroExtension.Should().ThrowAsync<ArgumentOutOfRangeException>("ExtendAsync(expiry: 0) must reject an expiry that is not positive")
            .WithParameterName("expiry", "the exception from ExtendAsync(0) names the parameter it rejects");
        (await Scope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis: check the arguments before the first command");
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
        (await oldOwner.TryAcquireAsync()).Should().BeTrue("the old owner's TryAcquireAsync() on " + name + " succeeds: nobody holds it yet");

        await Eventually.UntilAsync(
            "the old owner's 300 ms hold on lock:{" + name + "} to expire so the new owner can take it",
            () => newOwner.TryAcquireAsync(),
            taken => taken,
            timeout: TimeSpan.FromSeconds(10),
            cancellationToken: Cancellation);
        return (name, oldOwner, newOwner);
    }
}
