using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Auth;

/// <summary>
/// JWT bearer authentication and the shop's two policies: <see cref="UserPolicy"/> (any valid token with a subject:
/// the cart, checkout and orders act on that subject only) and <see cref="AdminPolicy"/> (role <c>admin</c>: catalog
/// writes, dead letters, <c>/simulation</c>, <c>/admin/*</c>). Catalog reads, analytics and the dashboard are anonymous.
/// </summary>
public static class ShopAuth
{
    public const string UserPolicy = "user";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddShopAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopAuthOptions>()
            .Bind(configuration.GetSection(ShopAuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShopAuthOptions>, ShopAuthOptionsValidator>();

        // Only the development issuer has a key here; with an external Authority nothing in the shop can sign.
        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<ShopAuthOptions>>().Value;
            return auth.UsesDevIssuer
                ? DevTokenIssuer.FromKeyFile(auth.KeyFileFor(sp.GetRequiredService<IOptions<ShopOptions>>().Value.SqlitePath))
                : throw new InvalidOperationException("Shop:Auth:Authority is set: tokens come from that issuer, the development issuer is off.");
        });

        services.AddHostedService<DevKeyCheck>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ShopAuthOptions>, IServiceProvider>((jwt, options, sp) =>
            {
                var auth = options.Value;
                jwt.MapInboundClaims = false; // keep "sub" and "roles" as the token names them
                if (auth.UsesDevIssuer)
                {
                    jwt.TokenValidationParameters = sp.GetRequiredService<DevTokenIssuer>().ValidationParameters(auth.RoleClaim);
                    return;
                }

                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.TokenValidationParameters.NameClaimType = JwtRegisteredClaimNames.Sub;
                jwt.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(JwtRegisteredClaimNames.Sub))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(DevTokenIssuer.AdminRole));

        // 401 and 403 have no body of their own: the status-code pages write problem details, and these say what to send.
        services.Configure<ProblemDetailsOptions>(problems =>
        {
            var earlier = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized => "Send a valid token: Authorization: Bearer <token> (see docs/capstone.md#authentication).",
                    StatusCodes.Status403Forbidden => $"The token is valid but lacks the role this needs ('{DevTokenIssuer.AdminRole}').",
                    _ => null,
                };
            };
        });
        return services;
    }

    /// <summary>The authenticated caller's subject (<c>sub</c>); only on endpoints behind <see cref="UserPolicy"/>.</summary>
    /// <exception cref="InvalidOperationException">The request has no authenticated subject (the endpoint lacks the policy).</exception>
    public static string Subject(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && user.FindFirstValue(JwtRegisteredClaimNames.Sub) is { Length: > 0 } sub
            ? sub
            : throw new InvalidOperationException("No authenticated subject: the endpoint must require the user policy.");
    }

    /// <summary>The authenticated caller's subject, or null for an anonymous request (or one whose token failed).</summary>
    public static string? SubjectOrNull(this ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true && user.FindFirstValue(JwtRegisteredClaimNames.Sub) is { Length: > 0 } sub ? sub : null;
}
