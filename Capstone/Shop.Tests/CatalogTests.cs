using System.Net.Http.Json;
using FluentAssertions;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Catalog;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 3: products read through lesson 10's cache, invalidated everywhere over lesson 11's bus.</summary>
public sealed class CatalogTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reading_a_product_twice_is_a_miss_then_a_hit()
    {
        var client = _world.StartInstance();
        var first = await client.GetFromJsonAsync<ProductView>("/products/P2", Json.Options, Ct);
        var afterFirst = await client.GetFromJsonAsync<CacheStats>("/metrics/cache", Json.Options, Ct);
        var second = await client.GetFromJsonAsync<ProductView>("/products/P2", Json.Options, Ct);
        var afterSecond = await client.GetFromJsonAsync<CacheStats>("/metrics/cache", Json.Options, Ct);

        second.Should().Be(first);
        afterFirst!.Misses.Should().Be(1, "the first read goes to the database");
        (afterFirst.LocalHits + afterFirst.RedisHits).Should().Be(0);
        afterSecond!.Misses.Should().Be(1, "the second read is served from a cache");
        (afterSecond.LocalHits + afterSecond.RedisHits).Should().Be(1);
    }

    [Fact]
    public async Task A_second_instance_is_served_from_Redis()
    {
        var first = _world.StartInstance();
        var second = _world.StartInstance();
        await first.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct);
        await second.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct);
        var stats = await second.GetFromJsonAsync<CacheStats>("/metrics/cache", Json.Options, Ct);
        stats.Should().Be(new CacheStats(0, 1, 0), "the first instance already loaded P3 into Redis");
    }

    [Fact]
    public async Task After_an_update_both_instances_serve_the_new_data()
    {
        var first = _world.StartInstance();
        var second = _world.StartInstance();
        // Both instances hold P4 in memory and in Redis before the change.
        await first.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct);
        await second.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct);
        await second.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct);

        var update = await first.SendAsync(Json.Request(HttpMethod.Put, "/products/P4", new { name = "Hand grinder v2", price = 85.50m }).AsAdmin(), Ct);
        update.EnsureSuccessStatusCode();

        var expected = new ProductView("P4", "Hand grinder v2", 85.50m);
        (await first.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct)).Should().Be(expected);
        await Eventually.UntilAsync(
            "the second instance to serve the updated P4",
            () => second.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct),
            product => product == expected,
            TimeSpan.FromSeconds(10),
            cancellationToken: Ct);
    }

    [Fact]
    public async Task Updating_an_unknown_product_is_a_404_problem()
    {
        var client = _world.StartInstance();
        var response = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/NOPE", new { price = 1m }).AsAdmin(), Ct);
        await HostTests.ShouldBeProblem(response, System.Net.HttpStatusCode.NotFound);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
