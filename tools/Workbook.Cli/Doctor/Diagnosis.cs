using System.Diagnostics;
using Confluent.Kafka;
using StackExchange.Redis;
using Workbook.Cli.Running;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Kafka;
using Workbook.Infrastructure.Redis;

namespace Workbook.Cli.Doctor;

/// <summary>
/// Looks at what the machine has, then does what a test run does — the same backend chain from
/// <c>Infrastructure/</c> — and talks to the Redis and Kafka it gets.
/// </summary>
public static class Diagnosis
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static async Task<DoctorReport> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck> { await SdkAsync(cancellationToken) };
        var docker = await DockerProbe.EngineAnswersAsync(cancellationToken);
        var findings = new ChainFindings(WorkbookEnvironment.Redis, WorkbookEnvironment.Kafka, docker, ExecutableLocator.Find("redis-server"), ExecutableLocator.Find("kcat"));
        checks.Add(Variable(WorkbookEnvironment.RedisVariable, WorkbookEnvironment.Redis, "a StackExchange.Redis connection string, e.g. localhost:6379"));
        checks.Add(Variable(WorkbookEnvironment.KafkaVariable, WorkbookEnvironment.Kafka, "bootstrap servers, e.g. localhost:9092"));
        checks.Add(docker
            ? new DoctorCheck("Docker engine", CheckState.Ok, "answers: tests use Testcontainers when no WORKBOOK_* variable is set")
            : new DoctorCheck("Docker engine", CheckState.Optional, WorkbookEnvironment.DockerAllowed ? "no engine answered (optional)" : $"not asked: {WorkbookEnvironment.DockerVariable}=0"));
        checks.Add(findings.RedisServer is not null
            ? new DoctorCheck("redis-server on PATH", CheckState.Ok, findings.RedisServer)
            : new DoctorCheck("redis-server on PATH", CheckState.Optional, "not found (optional: Garnet, built in, serves Redis instead)", ChainAdvice.RedisServerInstall));
        checks.Add(new DoctorCheck("Garnet (built in)", CheckState.Ok, $"Garnet {GarnetRedisServer.Version} ships with the workbook: the Redis chain's last step, inside the test process"));
        checks.Add(findings.Kcat is not null
            ? new DoctorCheck("kcat on PATH", CheckState.Ok, findings.Kcat)
            : new DoctorCheck("kcat on PATH", CheckState.Optional, "not found (optional: lesson 04's interoperability tests skip)", ChainAdvice.KcatInstall));
        checks.Add(new DoctorCheck("Redis chain", CheckState.Ok, ChainAdvice.RedisChain(findings)));
        checks.Add(new DoctorCheck("Kafka chain", CheckState.Ok, ChainAdvice.KafkaChain(findings)));

        var (redisCheck, redisVerdict) = await RedisAsync(cancellationToken);
        checks.Add(redisCheck);
        var (kafkaCheck, kafkaVerdict) = await KafkaAsync(cancellationToken);
        checks.Add(kafkaCheck);
        return new DoctorReport(checks, redisVerdict, kafkaVerdict, ChainAdvice.Gains(findings));
    }

    private static DoctorCheck Variable(string name, string? value, string what) => string.IsNullOrWhiteSpace(value)
        ? new DoctorCheck(name, CheckState.Optional, $"not set (set it to use your own server: {what})")
        : new DoctorCheck(name, CheckState.Ok, $"set: {(name == WorkbookEnvironment.RedisVariable ? Redact(value) : value)}");

    private static async Task<DoctorCheck> SdkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var run = await ProcessRunner.RunAsync("dotnet", ["--version"], Environment.CurrentDirectory, cancellationToken);
            var version = run.Output.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "?";
            return run.ExitCode == 0 && int.TryParse(version.Split('.')[0], out var major) && major >= 10
                ? new DoctorCheck(".NET SDK", CheckState.Ok, version)
                : new DoctorCheck(".NET SDK", CheckState.Fail, $"dotnet --version said {version}", "install the .NET 10 SDK: https://dotnet.microsoft.com/download");
        }
        catch (UsageException)
        {
            return new DoctorCheck(".NET SDK", CheckState.Fail, "dotnet is not on PATH", "install the .NET 10 SDK: https://dotnet.microsoft.com/download");
        }
    }

    private static async Task<(DoctorCheck Check, string Verdict)> RedisAsync(CancellationToken cancellationToken)
    {
        const string Name = "Redis answers";
        var fix = "install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), start Docker, " +
            $"or set {WorkbookEnvironment.RedisVariable} to a server that is running";
        try
        {
            await using var backend = await RedisBackend.StartAsync(GarnetRedis.Starter, cancellationToken: cancellationToken);
            await using var connection = await backend.ConnectAsync().WaitAsync(ConnectTimeout, cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(ConnectTimeout, cancellationToken);
            var version = connection.GetServers().FirstOrDefault()?.Version.ToString() ?? "?";
            var what = backend.IsGarnet ? $"Garnet, speaking Redis {version}" : $"Redis {version}";
            return (new DoctorCheck(Name, CheckState.Ok, $"PING answered in {latency.TotalMilliseconds:0.0} ms ({what})"), backend.Description);
        }
        catch (Exception e) when (e is BackendUnavailableException or RedisException or TimeoutException or IOException or InvalidOperationException)
        {
            var where = string.IsNullOrWhiteSpace(WorkbookEnvironment.Redis)
                ? "no Redis could be started"
                : $"{WorkbookEnvironment.RedisVariable} points at {Redact(WorkbookEnvironment.Redis)}, which does not answer";
            var fixHere = string.IsNullOrWhiteSpace(WorkbookEnvironment.Redis)
                ? fix
                : $"start the server at {Redact(WorkbookEnvironment.Redis)}, or unset {WorkbookEnvironment.RedisVariable} to let the tests start their own";
            return (new DoctorCheck(Name, CheckState.Fail, $"{where}: {FirstLine(e.Message)}", fixHere), $"Redis: none — {where}");
        }
    }

    private static async Task<(DoctorCheck Check, string Verdict)> KafkaAsync(CancellationToken cancellationToken)
    {
        const string Name = "Kafka answers";
        try
        {
            await using var backend = await KafkaBackend.StartAsync(cancellationToken: cancellationToken);
            var watch = Stopwatch.StartNew();
            var brokers = await Task.Run(
                () =>
                {
                    using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = backend.BootstrapServers, SocketTimeoutMs = 5000 })
                        .SetLogHandler((_, _) => { })
                        .Build();
                    return admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Count;
                },
                cancellationToken);
            return (new DoctorCheck(Name, CheckState.Ok, $"metadata from {brokers} broker(s) in {watch.ElapsedMilliseconds} ms"), backend.Description);
        }
        catch (Exception e) when (e is KafkaException or BackendUnavailableException or InvalidOperationException or DllNotFoundException or TimeoutException)
        {
            var external = WorkbookEnvironment.Kafka;
            var where = string.IsNullOrWhiteSpace(external)
                ? "no Kafka could be started"
                : $"{WorkbookEnvironment.KafkaVariable} points at {external}, which does not answer";
            var fix = string.IsNullOrWhiteSpace(external)
                ? "start Docker, or set WORKBOOK_KAFKA to a running cluster's bootstrap servers"
                : $"start the cluster at {external}, or unset {WorkbookEnvironment.KafkaVariable} to use the built-in mock cluster";
            return (new DoctorCheck(Name, CheckState.Fail, $"{where}: {FirstLine(e.Message)}", fix), $"Kafka: none — {where}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Where(part => !part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
}
