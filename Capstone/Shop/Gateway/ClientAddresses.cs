using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Workbook.Shop.Gateway;

/// <summary>
/// Which reverse proxies may say who the client is (section <c>Shop:ForwardedHeaders</c>). Only a request whose
/// connection comes from one of them has its <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> applied; with none
/// configured (the default) the forwarding middleware is not installed and those headers are ignored, so a client
/// cannot choose the address the rate limiter counts it under.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "Shop:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxy hops are read from the end of <c>X-Forwarded-For</c>.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

internal sealed class ClientAddressOptionsValidator : IValidateOptions<ClientAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAddressOptions options)
    {
        var bad = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"Shop:ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")
            .Concat(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)).Select(n => $"Shop:ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR network (e.g. 10.0.0.0/8)."))
            .ToList();
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}

internal static class ClientAddresses
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClientAddressOptions>()
            .Bind(configuration.GetSection(ClientAddressOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClientAddressOptions>, ClientAddressOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ClientAddressOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = trusted.Value.ForwardLimit;
            // The framework trusts loopback by default; only what is configured is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Installs the forwarding middleware only when a proxy is configured: with empty lists it would trust every
    /// sender's <c>X-Forwarded-For</c>.
    /// </summary>
    public static void UseClientAddresses(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ClientAddressOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }
    }
}
