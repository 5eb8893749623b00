using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Redis;

namespace Workbook.Tests.Backends;

/// <summary>The chain started with a persistence directory (the shop's embedded default): one server per directory.</summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class PersistentRedisBackendTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_server_on_a_directory_in_use_is_refused_and_the_directory_is_free_again_after_the_first_stops()
    {
        using var _ = new EnvironmentVariables((WorkbookEnvironment.RedisVariable, null), (WorkbookEnvironment.DockerVariable, "0"));
        var directory = Directory.CreateTempSubdirectory("workbook-redis-lock-").FullName;
        try
        {
            var persistence = new RedisPersistence(directory);
            var first = await RedisBackend.StartAsync(GarnetRedis.Persistent(persistence), persistence, cancellationToken: Cancellation);
            first.Description.Should().Contain("append-only file in " + directory);

            var second = () => RedisBackend.StartAsync(GarnetRedis.Persistent(persistence), persistence, cancellationToken: Cancellation);
            (await second.Should().ThrowAsync<BackendUnavailableException>("two servers writing one append-only file would corrupt it"))
                .Which.Message.Should().Contain(directory).And.Contain("in use by another process");

            await first.DisposeAsync();
            await using var third = await RedisBackend.StartAsync(GarnetRedis.Persistent(persistence), persistence, cancellationToken: Cancellation);
            third.Description.Should().Contain("append-only file");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
