using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// The hostile client of issue 13, replayed: each case that once succeeded against the shop now gets the fixed answer.
/// One file per area (<c>HostileClientTests.*.cs</c>); this part holds the shared deployment.
/// </summary>
public sealed partial class HostileClientTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
