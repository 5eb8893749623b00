using Workbook.Shop.Hosting;

namespace Workbook.Shop.Auth;

/// <summary>
/// <c>dotnet run --project Capstone/Shop -- token alice [bob …] [--admin] [--lifetime 01:00:00] [--Shop:…=…]</c>:
/// prints one development token per user, one a line, signed with the key of the data folder the same settings name
/// (so run it with the shop's <c>--Shop:SqlitePath</c> / <c>--Shop:Auth:DevKeyFile</c>). Minting needs read access to
/// the key file, which is the point: a token endpoint on the HTTP API would hand admin tokens to anyone who can reach it.
/// </summary>
public static class DevTokenCommand
{
    public const string Verb = "token";

    /// <summary>Runs the command; returns the process exit code (0 done, 2 usage or configuration error).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var users = new List<string>();
        var settings = new List<string>();
        var roles = new List<string>();
        TimeSpan? lifetime = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--admin":
                    roles.Add(DevTokenIssuer.AdminRole);
                    break;
                case "--lifetime" when i + 1 < args.Length && TimeSpan.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero:
                    lifetime = span;
                    i++;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return 0;
                case var option when option.StartsWith("--", StringComparison.Ordinal) && option.Contains('=', StringComparison.Ordinal):
                    settings.Add(option);
                    break;
                case var user when !user.StartsWith('-') && user.Trim().Length is > 0 and <= 128 && !user.Any(char.IsControl):
                    users.Add(user.Trim());
                    break;
                default:
                    error.WriteLine($"token: '{args[i]}' is not a user name (1 to 128 characters) or an option.");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        if (users.Count == 0)
        {
            error.WriteLine("token: name at least one user.");
            error.WriteLine(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings] });
        var auth = builder.Configuration.GetSection(ShopAuthOptions.Section).Get<ShopAuthOptions>() ?? new ShopAuthOptions();
        if (!auth.UsesDevIssuer)
        {
            error.WriteLine($"token: Shop:Auth:Authority is set ({auth.Authority}); the development issuer is off. Get tokens from that issuer.");
            return 2;
        }

        var shop = builder.Configuration.GetSection(ShopOptions.Section).Get<ShopOptions>() ?? new ShopOptions();
        var keyFile = auth.KeyFileFor(shop.SqlitePath);
        DevTokenIssuer issuer;
        try
        {
            issuer = DevTokenIssuer.FromKeyFile(keyFile);
        }
        catch (SigningKeyException failure)
        {
            error.WriteLine($"token: cannot use the signing key {keyFile}: {failure.Message}");
            return 2;
        }

        foreach (var user in users)
        {
            output.WriteLine(issuer.Issue(user, roles, lifetime ?? auth.DevTokenLifetime, auth.RoleClaim));
        }

        error.WriteLine($"token: {users.Count} token(s) from the development issuer, key {keyFile}, valid {lifetime ?? auth.DevTokenLifetime}{(roles.Count > 0 ? ", role admin" : string.Empty)}.");
        return 0;
    }

    private const string Usage = """
        Usage: dotnet run --project Capstone/Shop -- token <user> [<user> …] [--admin] [--lifetime hh:mm:ss] [--Shop:Setting=value …]
          Prints one development token per user (Authorization: Bearer <token>). --admin adds the role admin.
          Give the same --Shop:SqlitePath (or --Shop:Auth:DevKeyFile) as the shop: the key lives in its data folder.
        """;
}
