using System.Net;
using System.Net.Http.Json;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc;
using Workbook.Shop.Catalog;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 1: the host — health, OpenAPI, problem details for every usage mistake.</summary>
public sealed class HostTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_live_and_ready_with_Redis_Kafka_and_the_database()
    {
        var client = _world.StartInstance();
        (await client.GetAsync("/health/live", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready", Ct);
        ready.StatusCode.Should().Be(HttpStatusCode.OK, because: "Redis, Kafka and the database are up: {0}", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_catalog()
    {
        var client = _world.StartInstance();
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        document.Should().Contain("/products/{id}");
    }

    [Fact]
    public async Task The_demo_catalog_is_seeded()
    {
        var client = _world.StartInstance();
        var products = await client.GetFromJsonAsync<List<ProductView>>("/products", Json.Options, Ct);
        products!.Select(p => p.Id).Should().Contain(["P1", "P2", "P3"]);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var client = _world.StartInstance();
        var response = await client.GetAsync("/products/NOPE", Ct);
        await ShouldBeProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_and_changes_nothing()
    {
        var client = _world.StartInstance();
        var before = await client.GetFromJsonAsync<ProductView>("/products/P1", Json.Options, Ct);
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/products/P1") { Content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json") }.AsAdmin(), Ct);
        await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        (await client.GetFromJsonAsync<ProductView>("/products/P1", Json.Options, Ct)).Should().Be(before);
    }

    [Fact]
    public async Task A_negative_price_is_a_400_validation_problem()
    {
        var client = _world.StartInstance();
        var response = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P1", new { price = -1m }).AsAdmin(), Ct);
        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem.Should().Contain("price");
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var client = _world.StartInstance(("Shop:MaxRequestBodyBytes", "1024"));
        var response = await client.SendAsync(Json.Request(HttpMethod.Put, "/products/P1", new { name = new string('x', 4096) }).AsAdmin(), Ct);
        await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public void Invalid_options_stop_the_host_at_start()
    {
        var start = () => _world.StartInstance(("Shop:RateLimitPermits", "0"));
        // Usually OptionsValidationException naming Shop:RateLimitPermits; WebApplicationFactory sometimes surfaces the
        // aborted start as ObjectDisposedException instead. Either way no instance serves with the invalid option.
        start.Should().Throw<Exception>().Which.Should().Match(e => e is Microsoft.Extensions.Options.OptionsValidationException || e is ObjectDisposedException);
    }

    internal static async Task<string> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(status, because: "the body was {0}", body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", because: "every error is problem details; body: {0}", body);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, Json.Options);
        problem!.Status.Should().Be((int)status);
        return body;
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
