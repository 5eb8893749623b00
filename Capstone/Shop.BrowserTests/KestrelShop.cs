using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Shop.Tests;

namespace Workbook.Shop.BrowserTests;

/// <summary>
/// One shop instance of a <see cref="ShopWorld"/> on a real Kestrel port (a free loopback port), so a browser can load
/// the page and the simulator can call the server's own address.
/// </summary>
internal sealed class KestrelShop : IAsyncDisposable
{
    private readonly ShopFactory _factory;

    private KestrelShop(ShopFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public static KestrelShop Start(ShopWorld world, params (string Key, string? Value)[] settings)
    {
        var factory = new ShopFactory(world, settings.ToDictionary(s => s.Key, s => s.Value));
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelShop(factory, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A plain HTTP client of the real server.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
