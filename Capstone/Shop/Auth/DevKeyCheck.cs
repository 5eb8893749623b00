using Microsoft.Extensions.Options;

namespace Workbook.Shop.Auth;

/// <summary>Loads (or creates) the development issuer's key while the host starts, so a bad key file stops the start, not a request.</summary>
internal sealed class DevKeyCheck(IOptions<ShopAuthOptions> auth, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.UsesDevIssuer)
        {
            services.GetRequiredService<DevTokenIssuer>();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
