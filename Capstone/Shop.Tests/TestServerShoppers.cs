using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Shop.Simulation;

namespace Workbook.Shop.Tests;

/// <summary>
/// Sends the simulated shoppers' requests into the in-process test server (which has no port), still through the whole
/// pipeline: gateway, endpoints, cache. The real server-address client is exercised by the browser tests on Kestrel.
/// </summary>
internal sealed class TestServerShoppers(IServiceProvider services) : IShopperHttp
{
    public HttpClient CreateClient() =>
        new(((TestServer)services.GetRequiredService<IServer>()).CreateHandler()) { BaseAddress = new Uri("http://localhost/") };
}
