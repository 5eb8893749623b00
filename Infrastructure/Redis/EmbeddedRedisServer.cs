using System.Diagnostics;
using System.Net.Sockets;
using Workbook.Infrastructure.Backends;

namespace Workbook.Infrastructure.Redis;

/// <summary>
/// A <c>redis-server</c> from PATH on a free loopback port, in memory only (<c>--save "" --appendonly no</c>), or, given a
/// <see cref="RedisPersistence"/>, with an append-only file in its directory (the shop). A shell watchdog ends the server
/// when this process dies, so even a killed test run leaves no orphan; a persistent server is asked to <c>SHUTDOWN</c>
/// when disposed (it writes out what it holds) before anything is killed.
/// </summary>
public sealed class EmbeddedRedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    // Runs redis-server in the background and ends it as soon as the owning .NET process is gone.
    private const string Watchdog =
        "owner=$1; shift; \"$@\" & server=$!; " +
        "trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM; " +
        "while kill -0 \"$owner\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.5; done";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly bool _persistent;

    private EmbeddedRedisServer(Process process, int port, string version, bool persistent)
    {
        _process = process;
        _persistent = persistent;
        Port = port;
        Version = version;
    }

    public int Port { get; }

    public string Version { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; throws <see cref="BackendUnavailableException"/> when it cannot.</summary>
    /// <param name="executable">Path to redis-server; found on PATH when null.</param>
    /// <param name="extraArguments">More server options, e.g. <c>--cluster-enabled yes</c>.</param>
    /// <param name="port">A port to use; a free one when null.</param>
    /// <param name="ownerProcessId">The process whose death ends the server; this process when null.</param>
    /// <param name="cancellationToken">Stops waiting for the server.</param>
    /// <param name="persistence">Where to keep the data with an append-only file; in memory only when null.</param>
    public static async Task<EmbeddedRedisServer> StartAsync(
        string? executable = null,
        IReadOnlyList<string>? extraArguments = null,
        int? port = null,
        int? ownerProcessId = null,
        CancellationToken cancellationToken = default,
        RedisPersistence? persistence = null)
    {
        executable ??= ExecutableLocator.Find("redis-server") ?? throw new BackendUnavailableException(
            "redis-server is not on PATH. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), " +
            "start Docker, or set WORKBOOK_REDIS.");

        var chosenPort = port ?? FreePort.Next();
        var process = Launch(executable, chosenPort, [.. Storage(persistence), .. extraArguments ?? []], ownerProcessId ?? Environment.ProcessId);
        try
        {
            await WaitUntilReadyAsync(process, chosenPort, cancellationToken);
        }
        catch
        {
            Stop(process);
            throw;
        }

        return new EmbeddedRedisServer(process, chosenPort, ReadVersion(executable), persistence is not null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_persistent)
        {
            await ShutDownAsync();
        }

        Stop(_process);
    }

    /// <summary>In memory only, or an append-only file (no RDB snapshots) in the persistence directory.</summary>
    private static string[] Storage(RedisPersistence? persistence)
    {
        if (persistence is null)
        {
            return ["--save", string.Empty, "--appendonly", "no", "--dir", Path.GetTempPath()];
        }

        Directory.CreateDirectory(persistence.Directory);
        return
        [
            "--save", string.Empty,
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--dir", Path.GetFullPath(persistence.Directory),
        ];
    }

    /// <summary>
    /// <c>SHUTDOWN</c>: the server flushes and syncs its append-only file and exits. Waits for that, up to
    /// <see cref="ShutdownTimeout"/>; the process is killed afterwards in any case.
    /// </summary>
    private async Task ShutDownAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(ShutdownTimeout);
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            await client.GetStream().WriteAsync("SHUTDOWN\r\n"u8.ToArray(), timeout.Token);
            // Success has no reply: the server closes the connection as it exits (0 bytes). An error reply (it could not
            // write the file) is left to the kill below.
            _ = await client.GetStream().ReadAsync(new byte[256], timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            // Gone already, or not answering: the kill below ends it.
        }
    }

    private static Process Launch(string executable, int port, IReadOnlyList<string> extraArguments, int ownerProcessId)
    {
        var server = new List<string>
        {
            executable,
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--daemonize", "no",
            "--loglevel", "warning",
        };
        server.AddRange(extraArguments);

        var useWatchdog = !OperatingSystem.IsWindows() && File.Exists("/bin/sh");
        var start = new ProcessStartInfo(useWatchdog ? "/bin/sh" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useWatchdog)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Watchdog);
            start.ArgumentList.Add("watchdog");
            start.ArgumentList.Add(ownerProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var argument in server)
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            foreach (var argument in server.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = Process.Start(start) ?? throw new BackendUnavailableException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync(cancellationToken);
                throw new BackendUnavailableException($"redis-server exited at start (code {process.ExitCode}): {error.Trim()}");
            }

            if (await AnswersPingAsync(port, cancellationToken))
            {
                return;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new BackendUnavailableException($"redis-server did not answer PING on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s.");
    }

    private static async Task<bool> AnswersPingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string ReadVersion(string executable)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(executable, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = probe?.StandardOutput.ReadToEnd() ?? string.Empty;
            probe?.WaitForExit();
            var marker = text.IndexOf("v=", StringComparison.Ordinal);
            return marker < 0 ? "unknown" : text[(marker + 2)..].Split(' ')[0];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
