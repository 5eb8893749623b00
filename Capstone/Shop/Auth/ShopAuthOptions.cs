using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Workbook.Shop.Auth;

/// <summary>
/// Who issues the bearer tokens the shop accepts (section <c>Shop:Auth</c>). With <see cref="Authority"/> set, an
/// external OpenID Connect issuer (Keycloak, Entra ID, …) does and the built-in development issuer is off; without
/// it, the development issuer signs tokens with a key kept in the data folder (<see cref="DevKeyFile"/>).
/// </summary>
public sealed class ShopAuthOptions
{
    public const string Section = "Shop:Auth";

    /// <summary>The OIDC issuer's URL (its <c>/.well-known/openid-configuration</c> names the signing keys); empty = the development issuer.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience (<c>aud</c>) a token from <see cref="Authority"/> must name; required with it.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether <see cref="Authority"/> must be HTTPS; turn off only for a local issuer on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that holds the roles (<c>admin</c>), one value per role.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// The development issuer's signing key (32 random bytes, base64), created on first use with mode 0600; default
    /// <c>shop-dev-signing.key</c> beside the SQLite file (<c>Shop:SqlitePath</c>), so each data folder has its own.
    /// </summary>
    public string? DevKeyFile { get; set; }

    /// <summary>How long a development token is valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Whether the development issuer is the one in use (no external <see cref="Authority"/>).</summary>
    public bool UsesDevIssuer => string.IsNullOrWhiteSpace(Authority);

    /// <summary>The key file: <see cref="DevKeyFile"/>, else <c>shop-dev-signing.key</c> in the folder of <paramref name="sqlitePath"/>.</summary>
    public string KeyFileFor(string sqlitePath) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(DevKeyFile)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlitePath)) ?? ".", "shop-dev-signing.key")
            : DevKeyFile);
}

/// <summary>The rules data annotations cannot say: an authority is an absolute URL and comes with an audience.</summary>
internal sealed class ShopAuthOptionsValidator : IValidateOptions<ShopAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopAuthOptions options)
    {
        if (options.UsesDevIssuer)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            return ValidateOptionsResult.Fail("Shop:Auth:Authority must be an absolute http(s) URL, the OIDC issuer.");
        }

        if (options.RequireHttpsMetadata && authority.Scheme != "https")
        {
            return ValidateOptionsResult.Fail("Shop:Auth:Authority is plain HTTP: use HTTPS, or set Shop:Auth:RequireHttpsMetadata=false for a local issuer.");
        }

        return string.IsNullOrWhiteSpace(options.Audience)
            ? ValidateOptionsResult.Fail("Shop:Auth:Audience is required with Shop:Auth:Authority: the aud a token must name.")
            : ValidateOptionsResult.Success;
    }
}
