using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Workbook.Shop.Simulation;

/// <summary>Where virtual shoppers send their requests.</summary>
public interface IShopperHttp
{
    /// <summary>A client whose base address is the shop.</summary>
    /// <exception cref="InvalidOperationException">The shop has no address to call (yet).</exception>
    HttpClient CreateClient();
}

/// <summary>
/// The server's own address (<see cref="IServerAddressesFeature"/>), so simulated traffic goes through the whole
/// pipeline — gateway, cache, metrics — like a real client's. A wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>,
/// <c>[::]</c>) is called on loopback; plain HTTP is preferred over HTTPS.
/// </summary>
internal sealed class ServerShopperHttp(IServer server) : IShopperHttp
{
    public HttpClient CreateClient() => new() { BaseAddress = SelfAddress(server), Timeout = TimeSpan.FromSeconds(30) };

    public static Uri SelfAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to call: the simulator needs the shop listening on a port (Kestrel).");
        var wildcard = chosen.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return new Uri(wildcard.TrimEnd('/') + "/");
    }
}
