using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using Garnet;
using Microsoft.Extensions.Logging.Abstractions;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Redis;

namespace Workbook.Infrastructure.Garnet;

/// <summary>
/// Microsoft Garnet inside this process on a free loopback port: Lua on, scripts run as transactions (without that,
/// Garnet runs a script without isolation and lesson 05's snapshot test sees half-applied writes), in memory only,
/// small memory settings. Disposing it stops the server.
/// </summary>
public sealed class GarnetRedisServer : IInProcessRedisServer
{
    private const int Attempts = 3;

    private readonly GarnetServer _server;
    private readonly string _directory;

    private GarnetRedisServer(GarnetServer server, int port, string directory)
    {
        _server = server;
        _directory = directory;
        Port = port;
    }

    /// <summary>The version of the Garnet package this assembly was built with.</summary>
    public static string Version { get; } =
        typeof(GarnetServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(GarnetServer).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    public int Port { get; }

    public string Product => $"Garnet {Version}";

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; throws <see cref="BackendUnavailableException"/> when it cannot.</summary>
    public static Task<IInProcessRedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        Task.Run<IInProcessRedisServer>(() => Start(cancellationToken), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        DeleteDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Garnet's command line: loopback only, small (the lessons hold kilobytes; pages are allocated as the log grows),
    /// and a private directory. Never <c>cleanupDir</c> without one: Garnet's default directory is the current one,
    /// and cleaning up deletes it.
    /// </summary>
    internal static string[] Arguments(int port, string directory) =>
    [
        "--port", port.ToString(CultureInfo.InvariantCulture),
        "--bind", "127.0.0.1",
        "-q",
        "--lua",
        "--lua-transaction-mode",
        "--memory", "256m",
        "--page", "1m",
        "--index", "1m",
        "--checkpointdir", directory,
    ];

    private static GarnetRedisServer Start(CancellationToken cancellationToken)
    {
        // A free port can be taken between asking for it and binding it: then try another.
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var port = FreePort.Next();
            var directory = Directory.CreateTempSubdirectory("workbook-garnet-").FullName;
            GarnetServer? server = null;
            try
            {
                server = new GarnetServer(Arguments(port, directory), NullLoggerFactory.Instance);
                server.Start();
                return new GarnetRedisServer(server, port, directory);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                server?.Dispose();
                DeleteDirectory(directory);
                if (attempt < Attempts && e is SocketException)
                {
                    continue;
                }

                throw new BackendUnavailableException($"Garnet {Version} could not start on 127.0.0.1:{port}: {e.Message}", e);
            }
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
