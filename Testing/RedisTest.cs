using StackExchange.Redis;
using Workbook.Infrastructure.Testing;
using Xunit;

namespace Workbook.Testing;

/// <summary>Base for Redis lesson tests: each test gets its own key prefix, cleaned up afterwards.</summary>
public abstract class RedisTest(RedisFixture redis) : IAsyncDisposable
{
    private readonly RedisScope _scope = redis.NewScope();

    protected RedisFixture Redis => redis;

    /// <summary>This test's database: every key it writes carries the test's own prefix.</summary>
    protected IDatabase Db => _scope.Database;

    protected RedisScope Scope => _scope;

    /// <summary>Cancelled when the test is aborted or times out.</summary>
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Skips the test, with the reason in words, when this run's Redis is Garnet (as the server itself reports), which
    /// lacks what the test needs, e.g. <c>"Redis Cluster"</c> or <c>"keyspace notifications"</c>.
    /// </summary>
    protected void SkipOnGarnet(string needs) =>
        Assert.SkipWhen(
            redis.Backend.IsGarnet,
            $"Needs Redis itself ({needs}), which Garnet lacks; this run uses {redis.Backend.Description}.");

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
