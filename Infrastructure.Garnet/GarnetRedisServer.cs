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
/// Garnet runs a script without isolation and lesson 05's snapshot test sees half-applied writes), small memory
/// settings; in memory only (a private directory, deleted at the end), or, given a <see cref="RedisPersistence"/>, with
/// an append-only file in its directory that the next server started there replays (<c>--aof --recover</c>).
/// Disposing it commits the append-only file (when there is one) and stops the server.
/// </summary>
public sealed class GarnetRedisServer : IInProcessRedisServer
{
    private const int Attempts = 3;

    private readonly GarnetServer _server;
    private readonly string _directory;
    private readonly bool _persistent;

    private GarnetRedisServer(GarnetServer server, int port, string directory, bool persistent)
    {
        _server = server;
        _directory = directory;
        _persistent = persistent;
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
        StartAsync(persistence: null, cancellationToken);

    /// <summary>Starts a server that keeps its data in <paramref name="persistence"/>'s directory (in memory when null).</summary>
    public static Task<IInProcessRedisServer> StartAsync(RedisPersistence? persistence, CancellationToken cancellationToken = default) =>
        Task.Run<IInProcessRedisServer>(() => Start(persistence, cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_persistent)
        {
            // Writes committed every second otherwise: commit the rest before the server goes.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _server.Store.CommitAOFAsync(timeout.Token);
        }

        _server.Dispose();
        if (!_persistent)
        {
            DeleteDirectory(_directory);
        }
    }

    /// <summary>
    /// Garnet's command line: loopback only, small (the lessons hold kilobytes; pages are allocated as the log grows),
    /// and a private directory. Never <c>cleanupDir</c> without one: Garnet's default directory is the current one,
    /// and cleaning up deletes it.
    /// </summary>
    internal static string[] Arguments(int port, string directory, RedisPersistence? persistence = null) =>
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
        // --device-type RandomAccess: .NET file I/O. Garnet's default device on Linux is a native library that needs libaio
        // and, when that is missing, ends the whole process (Environment.FailFast) at the first write.
        .. persistence is null ? [] : Persistent,
    ];

    /// <summary>The append-only file, kept in the checkpoint directory (the persistence directory), committed every second and replayed at start.</summary>
    private static readonly string[] Persistent = ["--device-type", "RandomAccess", "--aof", "--recover", "--aof-commit-freq", "1000"];

    private static GarnetRedisServer Start(RedisPersistence? persistence, CancellationToken cancellationToken)
    {
        // A free port can be taken between asking for it and binding it: then try another.
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var port = FreePort.Next();
            var directory = persistence is null
                ? Directory.CreateTempSubdirectory("workbook-garnet-").FullName
                : Directory.CreateDirectory(Path.GetFullPath(persistence.Directory)).FullName;
            GarnetServer? server = null;
            try
            {
                server = new GarnetServer(Arguments(port, directory, persistence), NullLoggerFactory.Instance);
                server.Start();
                return new GarnetRedisServer(server, port, directory, persistence is not null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                server?.Dispose();
                if (persistence is null)
                {
                    DeleteDirectory(directory);
                }

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
