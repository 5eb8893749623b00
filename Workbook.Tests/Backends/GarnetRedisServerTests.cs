using StackExchange.Redis;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Redis;

namespace Workbook.Tests.Backends;

/// <summary>The chain's last step, started directly: these run whether or not redis-server is on PATH.</summary>
public sealed class GarnetRedisServerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Garnet_answers_on_loopback_reports_itself_and_stops_when_disposed()
    {
        var server = (GarnetRedisServer)await GarnetRedis.Starter(Cancellation);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true"))
        {
            server.ConnectionString.Should().StartWith("127.0.0.1:");
            server.Product.Should().Be($"Garnet {GarnetRedisServer.Version}");
            (await RedisServerProbe.DetectAsync(connection)).Should().Be((RedisServerFlavor.Garnet, GarnetRedisServer.Version));
        }

        await server.DisposeAsync();

        (await LoopbackPort.AcceptsAsync(server.Port)).Should().BeFalse("disposing the server must stop it");
    }

    [Fact]
    public async Task A_persistent_Garnet_started_again_on_its_directory_replays_what_the_last_one_held()
    {
        var directory = Directory.CreateTempSubdirectory("workbook-garnet-aof-").FullName;
        try
        {
            var persistence = new RedisPersistence(directory);
            var first = await GarnetRedis.Persistent(persistence)(Cancellation);
            await PersistenceProbe.WriteAsync(first.ConnectionString);
            await first.DisposeAsync();

            await using var second = await GarnetRedis.Persistent(persistence)(Cancellation);
            await PersistenceProbe.ShouldHoldWhatWasWrittenAsync(second.ConnectionString);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Garnet_runs_Lua_scripts_in_isolation()
    {
        await using var server = await GarnetRedis.Starter(Cancellation);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        await using var other = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var db = connection.GetDatabase();
        RedisKey[] counter = ["counter"];
        const string ReadTwice = "local first = redis.call('GET', KEYS[1]); for i = 1, 200000 do end; return first == redis.call('GET', KEYS[1]) and 1 or 0";

        // Plain INCRs from another connection (one connection is one session, served in order) race a script that reads
        // the counter twice; isolated, the script sees the same value both times.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await other.GetDatabase().StringIncrementAsync(counter[0]);
                }
            },
            Cancellation)).ToArray();
        var torn = 0;
        for (var i = 0; i < 200; i++)
        {
            torn += (int)await db.ScriptEvaluateAsync(ReadTwice, counter) == 1 ? 0 : 1;
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        torn.Should().Be(0, "with Lua transaction mode on, no other command runs between a script's reads");
    }
}
