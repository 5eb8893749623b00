using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Analytics;
using Workbook.Shop.Catalog;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;
using static Workbook.Shop.Tests.HostileInputs;

namespace Workbook.Shop.Tests;

/// <summary>
/// Issue 13's hostile inputs, replayed: money out of range, an Idempotency-Key reused for another body, control
/// characters in text and headers, malformed JSON. Each answer is a problem naming the field or header, and nothing changes.
/// This part makes its own worlds (<see cref="HostileInputs.NewWorldAsync"/>) and keeps its helpers outside the class
/// (<see cref="HostileInputs"/>, by <c>using static</c>), so it needs nothing from, and adds no member to clash with, the other parts.
/// </summary>
public sealed partial class HostileClientTests
{
    [Theory]
    [InlineData("79228162514264337593543950335", "price")]
    [InlineData("0.001", "price")]
    [InlineData("0", "price")]
    [InlineData("-1", "price")]
    [InlineData("1000000.01", "price")]
    [InlineData("1e30", "price")]
    public async Task A_price_out_of_the_money_rules_is_a_400_naming_price_and_changes_nothing(string price, string field)
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var before = await client.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct);
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P3") { Content = Raw($"{{\"price\": {price}}}") }.AsAdmin(), Ct);
        (await ErrorsOf(response, HttpStatusCode.BadRequest)).Should().ContainKey(field);
        (await client.GetFromJsonAsync<ProductView>("/products/P3", Json.Options, Ct)).Should().Be(before);
    }

    [Fact]
    public async Task The_largest_order_the_rules_allow_is_exact_and_the_next_unit_is_a_400()
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P3") { Content = Raw("{\"price\": 1000000.00}") }.AsAdmin(), Ct);
        put.StatusCode.Should().Be(HttpStatusCode.OK, "the cap itself is a valid price");

        var lines = Enumerable.Range(0, 100).Select(_ => new { product_id = "P3", quantity = 1000 }).ToList();
        var largest = await PostOrderAsync(client, "max", "largest", new { email = "max@example.com", items = lines });
        largest.StatusCode.Should().Be(HttpStatusCode.Created, await largest.Content.ReadAsStringAsync(Ct));
        (await largest.ReadAsync<Order>(Ct)).Total.Should().Be(100_000_000_000.00m, "100 lines × 1000 units × 1,000,000.00, exact (the probe's 500 was an overflow)");

        (await ErrorsOf(await PostOrderAsync(client, "max", "lines", new { email = "max@example.com", items = lines.Append(lines[0]) }), HttpStatusCode.BadRequest))
            .Should().ContainKey("items", "an order has at most 100 lines");
        (await ErrorsOf(await PostOrderAsync(client, "max", "units", new { email = "max@example.com", items = new[] { new { product_id = "P3", quantity = 1001 } } }), HttpStatusCode.BadRequest))
            .Should().ContainKey("items[0].quantity");
        (await ErrorsOf(await PostOrderAsync(client, "max", "int", Raw("{\"email\": \"max@example.com\", \"items\": [{\"product_id\": \"P3\", \"quantity\": 3000000000}]}")), HttpStatusCode.BadRequest))
            .Should().ContainKey("items[0].quantity", "a quantity past Int32 is named by its JSON path");
        (await OrderCountAsync(world)).Should().Be(1);
    }

    [Fact]
    public async Task A_cart_line_stops_at_the_quantity_bound_and_keeps_what_it_had()
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        (await AddToCartAsync(client, "cat", "P1", 600)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ErrorsOf(await AddToCartAsync(client, "cat", "P1", 401), HttpStatusCode.BadRequest)).Should().ContainKey("quantity");
        var cart = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("cat"), Ct)).ReadAsync<Cart.CartView>(Ct);
        cart.Items.Should().Equal(new OrderItem("P1", 600));
    }

    [Fact]
    public async Task An_order_that_is_accepted_is_always_counted_by_analytics()
    {
        await using var world = await NewWorldAsync(consumers: true);
        world.ConfigureServices = new CountingSenders().Register;
        var client = world.StartInstance();
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P1") { Content = Raw("{\"price\": 0.01}") }.AsAdmin(), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P2") { Content = Raw("{\"price\": 1000000.00}") }.AsAdmin(), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P3") { Content = Raw("{\"price\": 0.001}") }.AsAdmin(), Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the probe's 0.001 price is refused where it enters");

        var totals = new List<decimal>();
        foreach (var (user, product, quantity) in new[] { ("u1", "P1", 1), ("u2", "P2", 1000), ("u3", "P3", 3), ("u4", "P1", 999) })
        {
            var placed = await PostOrderAsync(client, user, "k", new { email = $"{user}@example.com", items = new[] { new { product_id = product, quantity } } });
            placed.StatusCode.Should().Be(HttpStatusCode.Created);
            totals.Add((await placed.ReadAsync<Order>(Ct)).Total);
        }

        var analytics = await Eventually.UntilAsync(
            "analytics to count the 4 accepted orders",
            async () => await (await world.StartedClient().GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct),
            a => a.Orders == totals.Count,
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);
        analytics.Revenue.Should().Be(totals.Sum(), "every accepted order is in revenue, to the cent");
        totals.Sum().Should().Be(0.01m + 1_000_000_000.00m + (3 * 8.50m) + 9.99m);
        var dlq = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/dlq").AsAdmin(), Ct);
        (await dlq.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength().Should().Be(0, "analytics dead-lettered none of them");
    }

    [Fact]
    public async Task An_Idempotency_Key_reused_with_a_different_order_is_a_422_and_the_same_body_gets_the_earlier_order()
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var first = await PostOrderAsync(client, "ida", "key", Raw("{\"email\": \"ida@example.com\", \"items\": [{\"product_id\": \"P1\", \"quantity\": 1}]}"));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var order = await first.ReadAsync<Order>(Ct);

        var same = await PostOrderAsync(client, "ida", "key", Raw("{ \"items\": [ {\"quantity\": 1, \"product_id\": \"P1\"} ],\n \"email\": \"ida@example.com\" }"));
        same.StatusCode.Should().Be(HttpStatusCode.OK, "the same body, spaced and ordered differently, is the same request");
        (await same.ReadAsync<Order>(Ct)).OrderId.Should().Be(order.OrderId);

        var other = await PostOrderAsync(client, "ida", "key", Raw("{\"email\": \"ida@example.com\", \"items\": [{\"product_id\": \"P1\", \"quantity\": 2}]}"));
        (await HostTests.ShouldBeProblem(other, HttpStatusCode.UnprocessableEntity)).Should().Contain("Idempotency-Key").And.Contain("different request");
        (await OrderCountAsync(world)).Should().Be(1);
    }

    [Fact]
    public async Task A_checkout_Idempotency_Key_reused_with_another_email_is_a_422_and_the_cart_is_untouched()
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        (await AddToCartAsync(client, "ola", "P1", 2)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CheckoutAsync(client, "ola", "ck", "ola@example.com")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AddToCartAsync(client, "ola", "P2", 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        await HostTests.ShouldBeProblem(await CheckoutAsync(client, "ola", "ck", "thief@example.com"), HttpStatusCode.UnprocessableEntity);
        (await CheckoutAsync(client, "ola", "ck", "ola@example.com")).StatusCode.Should().Be(HttpStatusCode.OK, "the same body again is the earlier order");
        var cart = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("ola"), Ct)).ReadAsync<Cart.CartView>(Ct);
        cart.Items.Should().Equal(new OrderItem("P2", 1));
        (await OrderCountAsync(world)).Should().Be(1);
    }

    [Fact]
    public async Task A_database_from_before_request_fingerprints_is_upgraded_and_its_orders_keep_their_keys()
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var body = new { email = "old@example.com", items = new[] { new { product_id = "P1", quantity = 1 } } };
        var old = await (await PostOrderAsync(client, "old", "before", body)).ReadAsync<Order>(Ct);
        await world.StopInstanceAsync();
        await using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={world.DatabasePath}"))
        {
            await sqlite.OpenAsync(Ct);
            await using var drop = sqlite.CreateCommand();
            drop.CommandText = "ALTER TABLE \"Orders\" DROP COLUMN \"RequestFingerprint\""; // the schema before this change
            await drop.ExecuteNonQueryAsync(Ct);
        }

        client = world.StartInstance();
        var retried = await PostOrderAsync(client, "old", "before", body);
        retried.StatusCode.Should().Be(HttpStatusCode.OK, "the column is added back and an order without a fingerprint keeps its key");
        (await retried.ReadAsync<Order>(Ct)).OrderId.Should().Be(old.OrderId);
        (await PostOrderAsync(client, "old", "after", body)).StatusCode.Should().Be(HttpStatusCode.Created);
        await HostTests.ShouldBeProblem(await PostOrderAsync(client, "old", "after", new { email = "other@example.com", body.items }), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("{\"name\": \"Cup\\u0000\"}", "name")]
    [InlineData("{\"name\": \"\\u001b[31mRED\\u001b[0m\"}", "name")]
    [InlineData("{\"name\": \"tab\\there\"}", "name")]
    [InlineData("{\"name\": \"Cup\", \"price\": \"cheap\"}", "price")]
    [InlineData("{\"name\": ", "name")]
    [InlineData("[1, 2", "body")]
    public async Task Control_characters_and_malformed_JSON_in_a_product_are_400s_naming_the_field(string body, string field)
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var before = await client.GetFromJsonAsync<ProductView>("/products/P1", Json.Options, Ct);
        var errors = await ErrorsOf(await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P1") { Content = Raw(body) }.AsAdmin(), Ct), HttpStatusCode.BadRequest);
        errors.Should().ContainKey(field).WhoseValue.Should().ContainSingle().Which.Should().NotBeNullOrWhiteSpace();
        (await client.GetFromJsonAsync<ProductView>("/products/P1", Json.Options, Ct)).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"email\": \"a\\u001b@b.c\", \"items\": [{\"product_id\": \"P1\", \"quantity\": 1}]}", "email")]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"product_id\": \"P1\\u0000\", \"quantity\": 1}]}", "items[0].product_id")]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"product_id\": \"P1\", \"quantity\": \"two\"}]}", "items[0].quantity")]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"product_id\": \"P1\", \"quantity\": 1}, {\"product_id\": \"P2\", \"quantity\": 0}]}", "items[1].quantity")]
    [InlineData("{\"email\": \"a@b.c\", \"items\": [{\"quantity\": 1}]}", "items[0].product_id")]
    public async Task Bad_strings_and_values_in_an_order_are_400s_naming_the_path(string body, string field)
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        (await ErrorsOf(await PostOrderAsync(client, "eve", "k", Raw(body)), HttpStatusCode.BadRequest)).Should().ContainKey(field);
        (await OrderCountAsync(world)).Should().Be(0);
    }

    [Theory]
    [InlineData("a\tb")]
    [InlineData("key\u001b[2J")]
    [InlineData("nul\u0000")]
    public async Task An_Idempotency_Key_with_a_control_character_is_a_400_naming_the_header(string key)
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var errors = await ErrorsOf(await PostOrderAsync(client, "eve", key, new { email = "eve@example.com", items = new[] { new { product_id = "P1", quantity = 1 } } }), HttpStatusCode.BadRequest);
        errors.Should().ContainKey("Idempotency-Key").WhoseValue.Single().Should().Contain("control characters");
        (await OrderCountAsync(world)).Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_product_id_is_read_from_the_database_once_and_creating_it_shows_it_on_every_instance_at_once()
    {
        await using var world = await NewWorldAsync();
        var reads = new ProductReads();
        world.ConfigureServices = services => services.ConfigureDbContext<ShopDbContext>(db => db.AddInterceptors(reads));
        var longTtl = ("Shop:ProductNegativeTtl", (string?)"00:10:00"); // only the invalidation can end it within this test
        var first = world.StartInstance(longTtl);
        var second = world.StartInstance(longTtl);

        var before = reads.Count;
        for (var i = 0; i < 5; i++)
        {
            (await first.GetAsync("/products/NEW-1", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        reads.Count.Should().Be(before + 1, "the first lookup read the database, the next four found the id remembered as absent");
        (await second.GetAsync("/products/NEW-1", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await second.GetAsync("/products/NEW-1", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        reads.Count.Should().Be(before + 2, "each instance remembers on its own: one read on the second instance");
        var scrape = await PrometheusText.ScrapeAsync(first, Ct);
        scrape.Value("shop_catalog_cache_hits_total", ("tier", "negative")).Should().Be(4);

        var created = await first.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/products") { Content = Raw("{\"id\": \"NEW-1\", \"name\": \"New cup\", \"price\": 3.50}") }.AsAdmin(), Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        (await first.GetFromJsonAsync<ProductView>("/products/NEW-1", Json.Options, Ct)).Should().Be(new ProductView("NEW-1", "New cup", 3.50m), "the creating instance forgets the absence at once");
        await Eventually.UntilAsync(
            "the second instance to see NEW-1 (its absence is dropped by the Pub/Sub broadcast, not by the 10-minute TTL)",
            () => second.GetAsync("/products/NEW-1", Ct),
            response => response.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10),
            cancellationToken: Ct);
    }

    [Theory]
    [InlineData("{\"id\": \"P1\", \"name\": \"Again\", \"price\": 1.00}", HttpStatusCode.Conflict, null)]
    [InlineData("{\"id\": \"has space\", \"name\": \"X\", \"price\": 1.00}", HttpStatusCode.BadRequest, "id")]
    [InlineData("{\"id\": \"N\\u001b1\", \"name\": \"X\", \"price\": 1.00}", HttpStatusCode.BadRequest, "id")]
    [InlineData("{\"id\": \"N2\", \"name\": \"X\", \"price\": 0.001}", HttpStatusCode.BadRequest, "price")]
    [InlineData("{\"id\": \"N3\", \"name\": \"X\"}", HttpStatusCode.BadRequest, "price")]
    public async Task A_product_that_cannot_be_created_is_a_problem_and_stays_unknown(string body, HttpStatusCode status, string? field)
    {
        await using var world = await NewWorldAsync();
        var client = world.StartInstance();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/products") { Content = Raw(body) }.AsAdmin(), Ct);
        if (field is null)
        {
            await HostTests.ShouldBeProblem(response, status);
        }
        else
        {
            (await ErrorsOf(response, status)).Should().ContainKey(field);
        }

        (await client.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct))!.Should().HaveCount(8, "nothing was added");
    }
}

/// <summary>The helpers of <see cref="HostileClientTests"/>' input cases.</summary>
internal static class HostileInputs
{
    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A world of its own on the assembly's Redis and Kafka; the caller disposes it.</summary>
    internal static async Task<ShopWorld> NewWorldAsync(bool consumers = false)
    {
        var redis = await TestContext.Current.GetFixture<RedisFixture>() ?? throw new InvalidOperationException("no RedisFixture");
        var kafka = await TestContext.Current.GetFixture<KafkaFixture>() ?? throw new InvalidOperationException("no KafkaFixture");
        return new ShopWorld(redis, kafka, consumers);
    }

    internal static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    internal static Task<HttpResponseMessage> PostOrderAsync(HttpClient client, string user, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = body as HttpContent ?? JsonContent.Create(body, options: Json.Options),
        }.As(user);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key).Should().BeTrue();
        return client.SendAsync(request, Ct);
    }

    internal static Task<HttpResponseMessage> AddToCartAsync(HttpClient client, string user, string product, int quantity) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/cart/items") { Content = JsonContent.Create(new { product_id = product, quantity }, options: Json.Options) }.As(user), Ct);

    internal static Task<HttpResponseMessage> CheckoutAsync(HttpClient client, string user, string key, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/checkout") { Content = JsonContent.Create(new { email }, options: Json.Options) }.As(user);
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Ct);
    }

    /// <summary>The response is a validation problem with this status; its <c>errors</c> by field.</summary>
    internal static async Task<Dictionary<string, string[]>> ErrorsOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await HostTests.ShouldBeProblem(response, status);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.TryGetProperty("errors", out var errors).Should().BeTrue("a 400 names the field; body: {0}", body);
        // Field names as the API spells them (snake_case; a header name in lower case: header names ignore case).
        return new Dictionary<string, string[]>(errors.Deserialize<Dictionary<string, string[]>>()!, StringComparer.OrdinalIgnoreCase);
    }

    internal static async Task<int> OrderCountAsync(ShopWorld world)
    {
        await using var scope = world.Services().CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Orders.CountAsync(Ct);
    }

    /// <summary>Counts the database commands that read the Products table: a real count of catalog database reads.</summary>
    internal sealed class ProductReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Products\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
