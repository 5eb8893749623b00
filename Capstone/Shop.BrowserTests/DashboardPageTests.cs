using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.Playwright;
using Workbook.Contracts;
using Workbook.Shop.Tests;
using Workbook.Testing;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Workbook.Shop.BrowserTests;

/// <summary>The dashboard page in headless Chromium, live over server-sent events from a shop on a real port.</summary>
[Trait("Category", "Browser")]
public sealed class DashboardPageTests : IAsyncDisposable
{
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 60_000 };

    private readonly ShopWorld _world;
    private KestrelShop? _shop;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DashboardPageTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_placed_through_the_API_changes_the_revenue_on_the_open_page()
    {
        var page = await OpenDashboardAsync();
        await Expect(page.GetByTestId("revenue")).ToHaveTextAsync("0.00");
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        using var client = _shop!.CreateClient();
        using var order = new HttpRequestMessage(HttpMethod.Post, "orders")
        {
            Content = JsonContent.Create(new { email = "ann@example.com", items = new[] { new { product_id = "P1", quantity = 2 }, new { product_id = "P3", quantity = 1 } } }, options: WorkbookJson.Options),
        }.As("ann");
        order.Headers.Add("Idempotency-Key", "browser-1");
        (await client.SendAsync(order, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        await Expect(page.GetByTestId("revenue")).ToHaveTextAsync("58.30", Patiently); // 2 × 24.90 + 8.50
        await Expect(page.GetByTestId("orders-total")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("active-users")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("top-product-name").First).ToHaveTextAsync("Espresso beans, 1 kg");
        await Expect(page.GetByTestId("top-product-units").First).ToHaveTextAsync("2");
        (await page.EvaluateAsync<bool>("() => window.loadedOnce === true")).Should().BeTrue("the figures changed without a reload");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-after-order.png"), FullPage = true });
    }

    [Fact]
    public async Task Pressing_simulate_makes_the_figures_move_and_stop_ends_it()
    {
        var page = await OpenDashboardAsync(("Shop:SimulatedThinkTime", "00:00:00.050"), ("Shop:RateLimitPermits", "100000"));
        await Expect(page.GetByTestId("revenue")).ToHaveTextAsync("0.00");

        await page.GetByTestId("admin-token").FillAsync(TestTokens.Admin);
        await page.GetByTestId("shoppers-input").FillAsync("5");
        await page.GetByTestId("simulate-start").ClickAsync();
        await Expect(page.GetByTestId("simulation-status")).ToContainTextAsync("5 shoppers running");
        await Expect(page.GetByTestId("revenue")).Not.ToHaveTextAsync("0.00", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("orders-total")).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-simulating.png"), FullPage = true });

        await page.GetByTestId("simulate-stop").ClickAsync();
        await Expect(page.GetByTestId("simulation-status")).ToContainTextAsync("stopped");
        using var client = _shop!.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, "simulation").AsAdmin();
        var status = await (await client.SendAsync(read, Ct)).Content.ReadFromJsonAsync<Simulation.SimulationStatus>(WorkbookJson.Options, Ct);
        status!.Running.Should().BeFalse();
        status.Orders.Should().BePositive("the shoppers checked out through the server's own address");
    }

    [Fact]
    public async Task A_shopper_count_out_of_range_shows_the_reason_on_the_page()
    {
        var page = await OpenDashboardAsync();
        await page.GetByTestId("admin-token").FillAsync(TestTokens.Admin);
        await page.GetByTestId("shoppers-input").FillAsync("0");
        await page.GetByTestId("simulate-start").ClickAsync();
        await Expect(page.GetByTestId("simulation-error")).ToHaveTextAsync("shoppers must be 1 to 500.");
        await Expect(page.GetByTestId("simulation-status")).ToHaveTextAsync("not running");
    }

    [Fact]
    public async Task The_page_is_readable_without_a_token_and_its_controls_ask_for_an_admin_one()
    {
        var page = await OpenDashboardAsync();
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("live");
        await Expect(page.GetByTestId("revenue")).ToHaveTextAsync("0.00");
        await page.GetByTestId("simulate-start").ClickAsync();
        await Expect(page.GetByTestId("simulation-error")).ToContainTextAsync("An admin token is needed");

        await page.GetByTestId("admin-token").FillAsync(TestTokens.User("ann"));
        await page.GetByTestId("simulate-start").ClickAsync();
        await Expect(page.GetByTestId("simulation-error")).ToContainTextAsync("lacks the role");
        await Expect(page.GetByTestId("simulation-status")).ToHaveTextAsync("not running");
    }

    private async Task<IPage> OpenDashboardAsync(params (string Key, string? Value)[] settings)
    {
        var chromium = SystemChromium.Require();
        _shop = KestrelShop.Start(_world, [("Shop:DashboardInterval", "00:00:00.250"), .. settings]);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(_shop.Address.ToString());
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }

        await _world.DisposeAsync();
    }
}
