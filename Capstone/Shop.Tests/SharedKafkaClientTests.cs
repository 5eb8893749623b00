using FluentAssertions;
using Workbook.Shop.Hosting;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// The guard that keeps the host from destroying a Kafka handle while a sample is still inside a call on it (the
/// process aborted in CI when the container disposed the dead-letter counter mid-call).
/// </summary>
public sealed class SharedKafkaClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disposing_while_a_call_is_inside_the_client_destroys_it_only_when_that_call_leaves()
    {
        var created = 0;
        var client = new Client();
        using var shared = new SharedKafkaClient<Client>(() =>
        {
            Interlocked.Increment(ref created);
            return client;
        });
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = Task.Run(() => shared.Use(c =>
        {
            inside.SetResult();
            leave.Task.Wait(Ct);
            return c.Disposals;
        }), Ct);
        await inside.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await Task.Run(shared.Dispose, Ct);
        client.Disposals.Should().Be(0, "the client is in use on another thread: destroying its handle now aborts the process");
        FluentActions.Invoking(() => shared.Use(c => c.Disposals)).Should().Throw<ObjectDisposedException>("no new call may start once the shared client is disposed");

        leave.SetResult();
        (await call.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Should().Be(0, "the call ran to its end on a live client");
        client.Disposals.Should().Be(1, "the last call out disposes the client the host already let go of");
        shared.Dispose();
        client.Disposals.Should().Be(1, "a second Dispose (the host disposes a hosted singleton twice) does nothing more");
        created.Should().Be(1, "one client, created on first use, served the call");
    }

    [Fact]
    public async Task Many_concurrent_calls_share_one_client_and_an_idle_client_is_disposed_at_once()
    {
        var clients = new List<Client>();
        var shared = new SharedKafkaClient<Client>(() =>
        {
            var client = new Client();
            lock (clients)
            {
                clients.Add(client);
            }

            return client;
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => shared.UseAsync(async c =>
        {
            await Task.Yield();
            return c.Disposals + i;
        }), Ct)));

        results.Should().Equal(Enumerable.Range(0, 64), "every call ran on a client that was not disposed");
        clients.Should().ContainSingle("64 concurrent calls share one client, created once");
        shared.Dispose();
        clients[0].Disposals.Should().Be(1, "with no call inside, Dispose destroys the client at once");
    }

    private sealed class Client : IDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }
}
