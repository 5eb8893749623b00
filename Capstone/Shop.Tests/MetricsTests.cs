using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Catalog;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 7: OpenTelemetry metrics at <c>/metrics</c>, scraped and parsed as Prometheus text.</summary>
public sealed class MetricsTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    /// <summary>Short, so the backlog gauges follow quickly.</summary>
    public const string FastSampling = "00:00:00.200";

    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_placed_counts_each_new_order_once_on_the_instance_that_placed_it()
    {
        var client = _world.StartInstance(("Shop:BacklogSampleInterval", FastSampling));
        var other = _world.StartInstance(("Shop:BacklogSampleInterval", FastSampling));
        foreach (var key in new[] { "m1", "m2", "m3" })
        {
            (await ShopProbes.PostOrder(client, "mia", key, Ct, ("P1", 1))).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        (await ShopProbes.PostOrder(client, "mia", "m2", Ct, ("P1", 1))).StatusCode.Should().Be(HttpStatusCode.OK, "a retry with the same key returns the earlier order");

        var scrape = await PrometheusText.ScrapeAsync(client, Ct);
        scrape.Value("shop_orders_placed_total").Should().Be(3, "three orders were created; the retry made none");
        var otherScrape = await PrometheusText.ScrapeAsync(other, Ct);
        (otherScrape.Value("shop_orders_placed_total") ?? 0).Should().Be(0, "each instance reports what it accepted, not what another host in the process did");
    }

    [Fact]
    public async Task A_product_read_twice_is_one_miss_and_one_memory_hit()
    {
        var client = _world.StartInstance();
        await client.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct);
        await client.GetFromJsonAsync<ProductView>("/products/P4", Json.Options, Ct);

        var scrape = await PrometheusText.ScrapeAsync(client, Ct);
        scrape.Value("shop_catalog_cache_misses_total").Should().Be(1, "the first read goes to the database");
        scrape.Value("shop_catalog_cache_hits_total", ("tier", "memory")).Should().Be(1, "the second read is served from this instance's memory");
        scrape.Value("shop_catalog_cache_hits_total", ("tier", "redis")).Should().Be(0);
        (await client.GetFromJsonAsync<CacheStats>("/metrics/cache", Json.Options, Ct)).Should().Be(new CacheStats(1, 0, 1), "the JSON counters at /metrics/cache still work and agree");
    }

    [Fact]
    public async Task Requests_are_counted_by_route_method_and_status()
    {
        var client = _world.StartInstance();
        (await client.GetAsync("/products/P1", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/products/NOPE", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/products/NADA", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bad = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(new { email = "a@b.c" }) }.As("rob");
        bad.Headers.Add("Idempotency-Key", "r1");
        (await client.SendAsync(bad, Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var scrape = await PrometheusText.ScrapeAsync(client, Ct);
        const string Count = "http_server_request_duration_seconds_count";
        scrape.Value(Count, ("http_route", "/products/{id}"), ("http_request_method", "GET"), ("http_response_status_code", "200")).Should().Be(1);
        scrape.Value(Count, ("http_route", "/products/{id}"), ("http_request_method", "GET"), ("http_response_status_code", "404")).Should().Be(2, "the route template, not the path, is the label");
        scrape.Value(Count, ("http_route", "/orders"), ("http_request_method", "POST"), ("http_response_status_code", "400")).Should().Be(1);
        scrape.Value("http_server_request_duration_seconds_bucket", ("http_route", "/products/{id}"), ("http_response_status_code", "404"), ("le", "+Inf"))
            .Should().Be(2, "the latency histogram holds every request in its +Inf bucket");
    }

    [Fact]
    public async Task The_scrape_endpoint_is_not_rate_limited()
    {
        var client = _world.StartInstance(("Shop:RateLimitPermits", "2"));
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/metrics", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, $"scrape {i + 1} is exempt from the 2-request limit");
        }

        var products = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            products.Add((await client.GetAsync("/products/P1", Ct)).StatusCode);
        }

        products.Should().Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], "the limit does hold for the API");
        (await client.GetAsync("/metrics", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a scrape after the limit was hit still passes");
    }

    [Fact]
    public async Task A_workers_instance_serves_the_shop_gauges_before_anything_used_them()
    {
        var workers = _world.StartInstance(("role", "workers"), ("Shop:BacklogSampleInterval", FastSampling));
        (await workers.GetAsync("/products/P1", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the workers role has no API");

        var scrape = await PrometheusText.ScrapeAsync(workers, Ct);
        scrape.Value("shop_outbox_backlog").Should().Be(0, "ShopMetrics is built at start, so its observable gauges exist in every role");
        scrape.Value("shop_kafka_dlq_size").Should().Be(0);
        scrape.Value("shop_catalog_cache_misses_total").Should().Be(0);
        scrape.Series("target_info", ("service_name", "workbook-shop")).Should().ContainSingle("the resource names the service");
    }

    [Fact]
    public async Task A_dead_lettered_order_shows_in_the_dlq_size_gauge()
    {
        await using var world = new ShopWorld(redis, kafka, consumers: true);
        var client = world.StartInstance(("Shop:FailSms", "true"), ("Shop:BacklogSampleInterval", FastSampling));
        (await PrometheusText.ScrapeAsync(client, Ct)).Value("shop_kafka_dlq_size").Should().Be(0, "nothing has failed yet");
        var order = await (await ShopProbes.PostOrder(client, "dee", "d1", Ct, ("P2", 1))).ReadAsync<Order>(Ct);

        await Eventually.UntilAsync(
            $"order {order.OrderId} to be counted in shop_kafka_dlq_size",
            async () => (await PrometheusText.ScrapeAsync(client, Ct)).Value("shop_kafka_dlq_size"),
            size => size >= 1,
            TimeSpan.FromSeconds(45),
            cancellationToken: Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
