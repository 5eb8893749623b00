using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Testing;

namespace Workbook.Shop.Tests;

/// <summary>
/// The shop as a real process (<c>dotnet Workbook.Shop.dll</c>, the build beside this test's) on the embedded default:
/// no WORKBOOK_REDIS, WORKBOOK_KAFKA or Docker, so it starts its own Redis (redis-server from PATH, else Garnet) and
/// Kafka mock, on the data folder given. Stopped with SIGTERM like a real deployment; disposing it kills what is left.
/// </summary>
internal sealed partial class ShopProcess : IAsyncDisposable
{
    /// <summary>How long the shop may take to answer <c>/health/ready</c> (build done; starting the backends and the host).</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful stop may take (the host's own shutdown timeout is 30 s).</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ShopProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>What the process has written so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the shop on <paramref name="dataFolder"/> and waits until it is ready.</summary>
    /// <param name="dataFolder">Holds <c>shop.db</c> and, beside it, the embedded Redis's <c>shop.redis/</c>.</param>
    /// <param name="withoutRedisServer">Hides redis-server (an empty PATH), so the chain's last step, Garnet, is used.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<ShopProcess> StartAsync(string dataFolder, bool withoutRedisServer, CancellationToken cancellationToken)
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        foreach (var argument in (string[])[ShopAssembly(), "--urls", $"http://127.0.0.1:{port}", $"--Shop:SqlitePath={Path.Combine(dataFolder, "shop.db")}", $"--Shop:Auth:DevKeyFile={TestTokens.KeyFile}", "--Shop:RateLimitPermits=100000"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(WorkbookEnvironment.RedisVariable);
        start.Environment.Remove(WorkbookEnvironment.KafkaVariable);
        start.Environment[WorkbookEnvironment.DockerVariable] = "0";
        start.Environment["DOTNET_ROOT"] = dotnetRoot;
        if (withoutRedisServer)
        {
            start.Environment["PATH"] = Directory.CreateDirectory(Path.Combine(dataFolder, "empty-path")).FullName;
        }

        var shop = new ShopProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await Eventually.UntilAsync($"the shop process to be ready on port {port}", shop.ReadyAsync, ready => ready, ReadyTimeout, cancellationToken: cancellationToken);
            return shop;
        }
        catch (Exception error) when (error is TimeoutException)
        {
            await shop.DisposeAsync();
            throw new TimeoutException($"{error.Message}\nShop output:\n{shop.Output}", error);
        }
    }

    /// <summary>The Redis the shop started for itself, as its start-up log names it (<c>… on 127.0.0.1:port</c>).</summary>
    public string RedisAddress =>
        _output.Select(line => RedisLine().Match(line)).FirstOrDefault(match => match.Success)?.Groups["address"].Value
        ?? throw new InvalidOperationException($"The shop did not log which Redis it uses.\n{Output}");

    /// <summary>The bootstrap servers of the Kafka the shop started for itself, as its start-up log names them.</summary>
    public string KafkaBootstrap =>
        _output.Select(line => KafkaLine().Match(line)).FirstOrDefault(match => match.Success)?.Groups["servers"].Value
        ?? throw new InvalidOperationException($"The shop did not log its Kafka bootstrap servers.\n{Output}");

    /// <summary>Which Redis the shop logged, in words.</summary>
    public string RedisDescription => _output.FirstOrDefault(line => RedisLine().IsMatch(line)) ?? string.Empty;

    /// <summary>Sends SIGTERM and waits for a graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The shop did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM.\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static string ShopAssembly()
    {
        // This test runs from Capstone/Shop.Tests/bin/<Configuration>/net10.0/: the shop's own build is in Capstone/Shop/bin/<same>.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var capstone = here.Parent!.Parent!.Parent!.Parent!.FullName;
        var shop = Path.Combine(capstone, "Shop", "bin", configuration, framework, "Workbook.Shop.dll");
        return File.Exists(shop) ? shop : throw new FileNotFoundException($"The shop's build is not at {shop}: build Capstone/Shop.Tests first.", shop);
    }

    private async Task<bool> ReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The shop process exited at start (code {_process.ExitCode}).\n{Output}");
        }

        try
        {
            using var response = await Client.GetAsync("health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception error) when (error is HttpRequestException or SocketException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Redis: .*? on (?<address>127\.0\.0\.1:\d+)")]
    private static partial Regex RedisLine();

    [GeneratedRegex(@"Kafka bootstrap (?<servers>[0-9.:,]*[0-9])\.")]
    private static partial Regex KafkaLine();
}
