namespace Workbook.Shop.Hosting;

/// <summary>What one shop process runs: <c>--role api|workers|all</c>.</summary>
public enum ShopRole
{
    /// <summary>HTTP API and background workers in one process (the default).</summary>
    All,

    /// <summary>Only the HTTP API (health checks included).</summary>
    Api,

    /// <summary>Only the outbox relay and the Kafka consumers (health checks still served).</summary>
    Workers,
}

/// <summary>Reads <c>--role</c>.</summary>
public static class ShopRoles
{
    /// <summary>The role named on the command line or in configuration (<c>role</c>); <see cref="ShopRole.All"/> when absent.</summary>
    /// <exception cref="ArgumentException">The value is not api, workers or all.</exception>
    public static ShopRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => ShopRole.All,
        "api" => ShopRole.Api,
        "workers" => ShopRole.Workers,
        _ => throw new ArgumentException($"--role must be api, workers or all, not '{value}'.", nameof(value)),
    };

    public static bool ServesApi(this ShopRole role) => role is ShopRole.All or ShopRole.Api;

    public static bool RunsWorkers(this ShopRole role) => role is ShopRole.All or ShopRole.Workers;
}
