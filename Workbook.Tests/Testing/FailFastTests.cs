using Workbook.Infrastructure.Testing;

namespace Workbook.Tests.Testing;

public sealed class FailFastTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 10_000)] // a broken FailFast would wait forever
    public async Task A_worker_that_fails_before_the_signal_ends_the_wait_with_its_own_exception()
    {
        var signal = new TaskCompletionSource();
        var stillRunning = new TaskCompletionSource().Task;
        var failed = Task.FromException(new NotImplementedException("Lesson 02: implement UserProfileCache.UpdateFieldAsync"));

        var wait = () => FailFast.WaitAsync(signal.Task, [stillRunning, failed], Cancellation);

        await wait.Should().ThrowAsync<NotImplementedException>().WithMessage("*UserProfileCache.UpdateFieldAsync*");
    }

    [Fact(Timeout = 10_000)] // a broken FailFast would wait forever
    public async Task The_signal_ends_the_wait_while_the_workers_still_run_and_workers_that_all_end_without_it_fail_it()
    {
        var signal = new TaskCompletionSource<int>();
        var stillRunning = new TaskCompletionSource().Task;
        signal.SetResult(7);

        var value = await FailFast.WaitAsync(signal.Task, [stillRunning], Cancellation);
        var silent = () => FailFast.WaitAsync(new TaskCompletionSource().Task, [Task.CompletedTask], Cancellation);

        value.Should().Be(7);
        await silent.Should().ThrowAsync<InvalidOperationException>("no worker is left that could give the signal");
    }

    [Fact(Timeout = 10_000)] // a broken FailFast would wait forever
    public async Task AllAsync_fails_on_the_first_fault_without_waiting_for_the_rest()
    {
        var neverEnds = new TaskCompletionSource<int>().Task;
        var all = () => FailFast.AllAsync([neverEnds, Task.FromException<int>(new TimeoutException("first"))], Cancellation);

        await all.Should().ThrowAsync<TimeoutException>().WithMessage("first");
        (await FailFast.AllAsync([Task.FromResult(1), Task.FromResult(2)], Cancellation)).Should().Equal(1, 2);
    }
}
