using System.Diagnostics;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Redis;
using Workbook.Infrastructure.Testing;

namespace Workbook.Tests.Backends;

public sealed class EmbeddedRedisServerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_the_server_closes_its_port()
    {
        Assert.SkipWhen(ExecutableLocator.Find("redis-server") is null, "redis-server is not on PATH; this test checks the embedded backend.");
        var server = await EmbeddedRedisServer.StartAsync(cancellationToken: Cancellation);
        (await LoopbackPort.AcceptsAsync(server.Port)).Should().BeTrue("the server answers while it runs");

        await server.DisposeAsync();

        (await LoopbackPort.AcceptsAsync(server.Port)).Should().BeFalse("disposing the server must stop it");
    }

    [Fact]
    public async Task A_persistent_server_started_again_on_its_directory_has_what_the_last_one_held()
    {
        Assert.SkipWhen(ExecutableLocator.Find("redis-server") is null, "redis-server is not on PATH; this test checks the embedded backend.");
        var directory = Directory.CreateTempSubdirectory("workbook-redis-aof-").FullName;
        try
        {
            var persistence = new RedisPersistence(directory);
            var first = await EmbeddedRedisServer.StartAsync(cancellationToken: Cancellation, persistence: persistence);
            await PersistenceProbe.WriteAsync(first.ConnectionString);
            await first.DisposeAsync();

            await using var second = await EmbeddedRedisServer.StartAsync(cancellationToken: Cancellation, persistence: persistence);
            second.Port.Should().NotBe(first.Port, "a fresh server, not the first one still running");
            await PersistenceProbe.ShouldHoldWhatWasWrittenAsync(second.ConnectionString);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_server_dies_with_its_owner_process_so_no_run_leaves_an_orphan()
    {
        Assert.SkipWhen(ExecutableLocator.Find("redis-server") is null || !File.Exists("/bin/sh"), "needs redis-server and /bin/sh; this test checks the embedded backend's watchdog.");
        using var owner = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var server = await EmbeddedRedisServer.StartAsync(ownerProcessId: owner.Id, cancellationToken: Cancellation);
        try
        {
            owner.Kill();

            await Eventually.UntilAsync(
                "redis-server to stop after its owner process was killed",
                () => LoopbackPort.AcceptsAsync(server.Port),
                accepts => !accepts,
                TimeSpan.FromSeconds(10),
                cancellationToken: Cancellation);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bad_option_fails_with_the_server_s_own_error()
    {
        Assert.SkipWhen(ExecutableLocator.Find("redis-server") is null, "redis-server is not on PATH; this test checks the embedded backend.");

        var act = () => EmbeddedRedisServer.StartAsync(extraArguments: ["--no-such-option", "1"], cancellationToken: Cancellation);

        await act.Should().ThrowAsync<BackendUnavailableException>().WithMessage("*redis-server exited at start*");
    }
}
