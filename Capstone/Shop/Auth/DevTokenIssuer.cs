using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workbook.Shop.Auth;

/// <summary>
/// The development issuer: HS256 tokens signed with a key kept in a file of the data folder. Whoever can read that file
/// can make any token, so it is created readable by its owner only (0600) and the shop never serves it; tokens are
/// made by <c>dotnet run --project Capstone/Shop -- token alice [--admin]</c> (<see cref="DevTokenCommand"/>).
/// </summary>
public sealed class DevTokenIssuer
{
    public const string Issuer = "workbook-shop-dev";
    public const string Audience = "workbook-shop";
    public const string AdminRole = "admin";
    private const int KeyBytes = 32;

    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;

    public DevTokenIssuer(byte[] key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < KeyBytes)
        {
            throw new ArgumentException($"A signing key has at least {KeyBytes} bytes.", nameof(key));
        }

        _key = new SymmetricSecurityKey(key) { KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16] };
        _time = time ?? TimeProvider.System;
    }

    /// <summary>What a token of this issuer must satisfy: signature, issuer, audience and lifetime (30 s clock skew), HS256 only.</summary>
    public TokenValidationParameters ValidationParameters(string roleClaim) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = roleClaim,
    };

    /// <summary>A token for <paramref name="user"/> (its <c>sub</c>) with these roles, valid for <paramref name="lifetime"/> from now (negative: already expired).</summary>
    public string Issue(string user, IEnumerable<string> roles, TimeSpan lifetime, string roleClaim = "roles")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(roles);
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, user) };
        claims.AddRange(roles.Select(role => new Claim(roleClaim, role)));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(1) : now,
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(1) : now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The issuer whose key is in <paramref name="path"/>; a missing file is created with a new random key (mode 0600).</summary>
    /// <exception cref="SigningKeyException">The file holds no valid key, or cannot be read or created.</exception>
    public static DevTokenIssuer FromKeyFile(string path, TimeProvider? time = null) => new(LoadOrCreateKey(path), time);

    internal static byte[] LoadOrCreateKey(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return ReadOrCreateKey(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"The signing key {path} cannot be read or created: {error.Message}", error);
        }
    }

    private static byte[] ReadOrCreateKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            var draft = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new StreamWriter(draft, System.Text.Encoding.ASCII, options))
            {
                file.Write(Convert.ToBase64String(fresh));
            }

            try
            {
                // Written whole, then moved in place without overwriting: a second instance starting on the same
                // data folder at the same moment either wins or reads the winner's complete key.
                File.Move(draft, path, overwrite: false);
                return fresh;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(draft);
            }
        }

        var text = File.ReadAllText(path).Trim();
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length >= KeyBytes
                ? key
                : throw new SigningKeyException($"The signing key in {path} is shorter than {KeyBytes} bytes; delete the file to make a new one.");
        }
        catch (FormatException error)
        {
            throw new SigningKeyException($"{path} does not hold a base64 signing key; delete the file to make a new one.", error);
        }
    }
}
