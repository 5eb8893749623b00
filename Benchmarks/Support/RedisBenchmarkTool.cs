using System.Diagnostics;
using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Workbook.Benchmarks.Support;

/// <summary>
/// Runs Redis's own <c>redis-benchmark</c> (Debian: redis-tools) against the server the benchmarks used, with the
/// same number of concurrent clients, and reads its requests per second from <c>--csv</c>.
/// </summary>
public sealed class RedisBenchmarkTool(string connectionString, int clients, int requests)
{
    private readonly ConfigurationOptions _options = ConfigurationOptions.Parse(connectionString);

    public int Clients { get; } = clients;

    public int Requests { get; } = requests;

    public static bool IsInstalled => Which("redis-benchmark") is not null;

    /// <summary>The command line, without the password, for the report.</summary>
    public string Describe(IReadOnlyList<string> command, int randomRange) =>
        $"redis-benchmark {string.Join(' ', ServerArguments(redact: true))} -c {Clients} -n {Requests} -r {randomRange} --csv {string.Join(' ', command.Select(Quote))}";

    /// <summary>Runs one command (with <c>__rand_int__</c> placeholders drawn from 0..randomRange-1) and returns requests per second.</summary>
    public async Task<double> RunAsync(IReadOnlyList<string> command, int randomRange)
    {
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in ServerArguments(redact: false))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "-c", $"{Clients}", "-n", $"{Requests}", "-r", $"{randomRange}", "--csv" }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // --csv: a header line, then "name","rps","avg_latency_ms",...
        var data = lines.LastOrDefault(line => !line.StartsWith("\"test\"", StringComparison.Ordinal));
        var fields = data?.Split("\",\"");
        if (process.ExitCode != 0 || fields is not { Length: > 1 } || !double.TryParse(fields[1].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var rps))
        {
            throw new InvalidOperationException($"redis-benchmark failed (exit {process.ExitCode}): {await error} {string.Join(' ', lines)}");
        }

        return rps;
    }

    /// <summary>Loads a script into the server's script cache and returns its SHA1, for EVALSHA.</summary>
    public async Task<string> LoadScriptAsync(string script)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_options.Clone());
        var hash = await connection.GetServer(connection.GetEndPoints()[0]).ScriptLoadAsync(script);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Runs a plain command once (e.g. to SET the value a GET benchmark reads).</summary>
    public async Task ExecuteAsync(string command, params object[] arguments)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_options.Clone());
        await connection.GetDatabase().ExecuteAsync(command, arguments);
    }

    private IEnumerable<string> ServerArguments(bool redact)
    {
        var (host, port) = _options.EndPoints.FirstOrDefault() switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => ("127.0.0.1", 6379),
        };
        yield return "-h";
        yield return host;
        yield return "-p";
        yield return port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(_options.Password))
        {
            yield return "-a";
            yield return redact ? "***" : _options.Password;
        }
    }

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) || argument.Contains('{', StringComparison.Ordinal) ? $"'{argument}'" : argument;

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
