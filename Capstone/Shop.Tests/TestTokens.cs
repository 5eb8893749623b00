using System.Security.Cryptography;
using Workbook.Shop.Auth;

namespace Workbook.Shop.Tests;

/// <summary>
/// The development issuer every test shop uses: one key per test run, in a file the shops load through
/// <c>Shop:Auth:DevKeyFile</c> (the way a real shop loads its data folder's key), and the tokens tests send.
/// </summary>
internal static class TestTokens
{
    private static readonly Lazy<(string File, DevTokenIssuer Issuer)> Key = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"shop-test-key-{Guid.NewGuid():N}", "shop-dev-signing.key");
        return (file, DevTokenIssuer.FromKeyFile(file));
    });

    public const string AdminUser = "admin";

    /// <summary>The key file the test shops are configured with (created on first use, mode 0600).</summary>
    public static string KeyFile => Key.Value.File;

    public static DevTokenIssuer Issuer => Key.Value.Issuer;

    /// <summary>A valid user token (no roles) for <paramref name="user"/>.</summary>
    public static string User(string user) => Issuer.Issue(user, [], TimeSpan.FromHours(1));

    /// <summary>A valid token of <see cref="AdminUser"/> with role admin.</summary>
    public static string Admin => Issuer.Issue(AdminUser, [DevTokenIssuer.AdminRole], TimeSpan.FromHours(1));

    /// <summary>A token for <paramref name="user"/> signed with the right format but another key.</summary>
    public static string ForeignSigned(string user) =>
        new DevTokenIssuer(RandomNumberGenerator.GetBytes(32)).Issue(user, [DevTokenIssuer.AdminRole], TimeSpan.FromHours(1));
}
