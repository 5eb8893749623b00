using Workbook.Infrastructure.Backends;

namespace Workbook.Tests.Backends;

public sealed class RedisBackendTests(RedisFixture redis)
{
    [Fact]
    public void The_backend_says_which_Redis_it_is()
    {
        redis.Backend.Description.Should().StartWith("Redis: ");
        if (redis.Backend.Kind == BackendKind.Embedded)
        {
            redis.Backend.Description.Should().Contain("embedded redis-server").And.Contain(redis.Backend.ConnectionString);
        }

        if (redis.Backend.Kind == BackendKind.InProcess)
        {
            redis.Backend.IsGarnet.Should().BeTrue("the in-process step is Garnet, and Garnet says so itself");
            redis.Backend.Description.Should().StartWith("Redis: Garnet ").And.Contain("not Redis itself").And.Contain("install redis-server");
        }
    }
}
