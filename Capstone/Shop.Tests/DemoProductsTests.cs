using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Workbook.Shop.Catalog;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary><c>Shop:DemoProducts</c>: how large a demo catalog an empty database gets (load tests need thousands).</summary>
public sealed class DemoProductsTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_the_eight_named_products_are_seeded()
    {
        var client = _world.StartInstance();
        var products = await client.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct);
        products!.Select(p => p.Id).Should().BeEquivalentTo(["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]);
    }

    [Fact]
    public async Task A_larger_catalog_is_P1_to_Pn_with_the_named_products_first()
    {
        var client = _world.StartInstance(("Shop:DemoProducts", "50"));
        var products = await client.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct);
        products!.Select(p => p.Id).Should().BeEquivalentTo(Enumerable.Range(1, 50).Select(n => $"P{n}"));
        products.Should().Contain(new ProductView("P1", "Espresso beans, 1 kg", 24.90m));
        products.Should().OnlyContain(p => p.Price > 0 && p.Name.Length > 0);

        (await client.GetAsync("/products/P50", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/products/P51", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_empty_database_is_seeded()
    {
        var first = _world.StartInstance(("Shop:DemoProducts", "20"));
        (await first.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct)).Should().HaveCount(20);

        var second = _world.StartInstance(("Shop:DemoProducts", "30"));
        (await second.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct)).Should().HaveCount(20, because: "the database already had a catalog");
    }

    [Theory]
    [InlineData("7")]
    [InlineData("100001")]
    public void A_demo_catalog_size_out_of_range_stops_the_host(string count)
    {
        var start = () => _world.StartInstance(("Shop:DemoProducts", count));
        // As in HostTests: usually OptionsValidationException; WebApplicationFactory sometimes surfaces the aborted start
        // as ObjectDisposedException. Either way no instance serves with the invalid option.
        start.Should().Throw<Exception>().Which.Should().Match<Exception>(e =>
            (e is Microsoft.Extensions.Options.OptionsValidationException && e.Message.Contains("DemoProducts", StringComparison.Ordinal)) ||
            e is ObjectDisposedException);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
