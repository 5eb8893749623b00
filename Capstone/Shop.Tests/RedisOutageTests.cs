using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Redis;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Hosting;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// Issue 13's "fail-open is incomplete", replayed against a real redis-server paused with SIGSTOP. The server is this
/// test's own (never the shared test Redis), and it is resumed in a finally. Bound: 90 s, most of it starting the host;
/// the pause itself lasts as long as the requests made during it (each at most <c>Shop:RedisCallTimeout</c>, 200 ms here).
/// </summary>
public sealed class RedisOutageTests(RedisFixture redis, KafkaFixture kafka)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task With_Redis_paused_the_memory_cached_product_is_200_the_limiter_fails_open_the_cart_is_a_503_and_all_recovers()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the server is paused with SIGSTOP (kill -STOP), which Windows has not.");
        Assert.SkipUnless(ExecutableLocator.Find("redis-server") is not null, "redis-server is not on PATH: this test pauses a redis-server process of its own with SIGSTOP, and Garnet runs inside the test process, where it cannot be paused alone.");
        await using var server = await EmbeddedRedisServer.StartAsync(cancellationToken: Ct);
        var configuration = ConfigurationOptions.Parse(server.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.AllowAdmin = true; // INFO, for the server's pid
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var serverPid = ProcessIdOf((string)(await connection.GetDatabase().ExecuteAsync("INFO", "server"))!);

        await using var world = new ShopWorld(redis, kafka);
        world.ConfigureServices = services => services.AddSingleton(new ShopBackends(connection, world.Kafka, world.KafkaBackend, world.KeyPrefix));
        var client = world.StartInstance(("Shop:RedisCallTimeout", "00:00:00.200"), ("Shop:RedisBreakDuration", "00:00:01"));
        var warm = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P1").As("pat"), Ct);
        warm.StatusCode.Should().Be(HttpStatusCode.OK);
        warm.Headers.Contains("RateLimit-Limit").Should().BeTrue("the limiter answers while Redis runs");

        var timings = new List<string>();
        Signal(serverPid, "STOP");
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var (cached, took) = await TimedAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P1").As("pat"), Ct));
                timings.Add($"P1 #{i}: {took.TotalMilliseconds:F0} ms");
                cached.StatusCode.Should().Be(HttpStatusCode.OK, "P1 is in this instance's memory, and the limiter fails open");
                cached.Headers.Contains("RateLimit-Limit").Should().BeFalse("the limiter could not decide, so it did not pretend to");
            }

            var (fromDatabase, dbTook) = await TimedAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P2").As("pat"), Ct));
            timings.Add($"P2 (database): {dbTook.TotalMilliseconds:F0} ms");
            fromDatabase.StatusCode.Should().Be(HttpStatusCode.OK, "a product not in memory comes from the database");
            (await fromDatabase.Content.ReadFromJsonAsync<Catalog.ProductView>(Json.Options, Ct))!.Id.Should().Be("P2");

            var (cart, cartTook) = await TimedAsync(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("pat"), Ct));
            timings.Add($"cart: {cartTook.TotalMilliseconds:F0} ms");
            await HostTests.ShouldBeProblem(cart, HttpStatusCode.ServiceUnavailable);
            cart.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(1), "Retry-After is the breaker's break");

            (await client.GetAsync("/health/ready", Ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "readiness reports Redis down");

            var order = await OrderTests.PostOrder(client, "pat", "during-outage");
            order.StatusCode.Should().Be(HttpStatusCode.Created, "an order needs only the database");

            var scrape = await PrometheusText.ScrapeAsync(client, Ct);
            scrape.Value("shop_rate_limit_fail_open_total").Should().BeGreaterThanOrEqualTo(13, "every limited request above was let through unchecked and counted");
        }
        finally
        {
            Signal(serverPid, "CONT");
        }

        TestContext.Current.SendDiagnosticMessage("While paused: " + string.Join("; ", timings));
        await Eventually.UntilAsync(
            "the cart to answer 200 again after SIGCONT",
            () => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cart").As("pat"), Ct),
            response => response.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20),
            cancellationToken: Ct);
        (await client.GetAsync("/health/ready", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "readiness sees Redis again");
        var limited = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/products/P1").As("pat"), Ct);
        limited.StatusCode.Should().Be(HttpStatusCode.OK);
        limited.Headers.Contains("RateLimit-Limit").Should().BeTrue("the limiter decides again once Redis is back");
    }

    // The redis-server's own pid (the process the test started is a watchdog shell around it).
    private static int ProcessIdOf(string info) =>
        int.Parse(info.Split('\n').Single(line => line.StartsWith("process_id:", StringComparison.Ordinal))["process_id:".Length..].Trim(), CultureInfo.InvariantCulture);

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit(5_000).Should().BeTrue($"kill -{signal} {pid} ends at once");
        kill.ExitCode.Should().Be(0, $"kill -{signal} {pid} succeeds");
    }

    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        return (result, Stopwatch.GetElapsedTime(started));
    }
}
