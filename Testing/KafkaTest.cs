using StackExchange.Redis;
using Workbook.Infrastructure.Testing;
using Xunit;

namespace Workbook.Testing;

/// <summary>
/// Base for Kafka lesson tests: a private topic/group prefix per test (<see cref="Kafka"/>), and a private Redis key
/// space (<see cref="Db"/>) for lessons that keep state or idempotency records in Redis.
/// </summary>
public abstract class KafkaTest(KafkaFixture kafka, RedisFixture redis) : IAsyncDisposable
{
    private readonly RedisScope _redisScope = redis.NewScope();

    protected KafkaFixture KafkaFixture => kafka;

    protected RedisFixture RedisFixture => redis;

    /// <summary>This test's topics and groups.</summary>
    protected KafkaScope Kafka { get; } = kafka.NewScope();

    /// <summary>This test's Redis database (own key prefix).</summary>
    protected IDatabase Db => _redisScope.Database;

    protected RedisScope RedisScope => _redisScope;

    /// <summary>Cancelled when the test is aborted or times out.</summary>
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Skips the test, with the reason in words, unless the backend is librdkafka's mock (fault injection).</summary>
    protected void RequireMockCluster(string why) =>
        Assert.SkipUnless(Kafka.Backend.IsMock, $"Needs librdkafka's mock cluster for fault injection ({why}); this run uses {Kafka.Backend.Description}");

    /// <summary>Skips the test, with the reason in words, when the backend is the mock rather than Apache Kafka.</summary>
    protected void RequireRealKafka(string why) =>
        Assert.SkipWhen(Kafka.Backend.IsMock, $"Needs Apache Kafka ({why}); librdkafka's mock cluster cannot show this. Start Docker or set WORKBOOK_KAFKA to run it.");

    public async ValueTask DisposeAsync()
    {
        await _redisScope.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
