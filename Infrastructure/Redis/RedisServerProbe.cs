using StackExchange.Redis;

namespace Workbook.Infrastructure.Redis;

/// <summary>Asks a server what it is (<c>INFO server</c>): Garnet reports a <c>garnet_version</c> field, Redis does not.</summary>
public static class RedisServerProbe
{
    /// <summary>The flavor and version of the first connected server behind <paramref name="connection"/> (made with <c>allowAdmin</c>: INFO is an admin command to StackExchange.Redis).</summary>
    public static async Task<(RedisServerFlavor Flavor, string Version)> DetectAsync(IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var server = connection.GetServers().FirstOrDefault(s => s.IsConnected);
        if (server is null)
        {
            return (RedisServerFlavor.Redis, "unknown");
        }

        return Classify(await server.InfoRawAsync("server") ?? string.Empty);
    }

    /// <summary>Reads an <c>INFO server</c> reply; pure, so it is tested without a server.</summary>
    public static (RedisServerFlavor Flavor, string Version) Classify(string info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in info.Split('\n'))
        {
            var parts = line.Trim().Split(':', 2);
            if (parts.Length == 2 && !parts[0].StartsWith('#'))
            {
                fields.TryAdd(parts[0], parts[1]);
            }
        }

        return fields.TryGetValue("garnet_version", out var garnet)
            ? (RedisServerFlavor.Garnet, garnet)
            : (RedisServerFlavor.Redis, fields.GetValueOrDefault("redis_version", "unknown"));
    }
}
