namespace Workbook.Tests.Backends;

public sealed class RedisScopeTests(RedisFixture redis)
{
    [Fact]
    public async Task A_disposed_scope_leaves_no_key_behind()
    {
        var scope = redis.NewScope();
        await scope.Database.StringSetAsync("a", "1");
        await scope.Database.HashSetAsync("{tag}:b", "field", "value");
        (await scope.KeysAsync()).Should().HaveCount(2);

        await scope.DisposeAsync();

        var raw = redis.Connection.GetServers().Single();
        raw.Keys(pattern: scope.Prefix + "*").Should().BeEmpty("every key a test wrote is deleted when its scope ends");
    }

    [Fact]
    public async Task Two_scopes_never_see_each_other_s_keys()
    {
        await using var first = redis.NewScope();
        await using var second = redis.NewScope();

        await first.Database.StringSetAsync("same-name", "first");
        await second.Database.StringSetAsync("same-name", "second");

        ((string?)await first.Database.StringGetAsync("same-name")).Should().Be("first");
        ((string?)await second.Database.StringGetAsync("same-name")).Should().Be("second");
    }
}
