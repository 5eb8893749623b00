using System.Diagnostics;
using Confluent.Kafka;
using StackExchange.Redis;
using Workbook.Cli.Localization;
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
        checks.Add(Variable(WorkbookEnvironment.RedisVariable, WorkbookEnvironment.Redis, DoctorText.RedisExample));
        checks.Add(Variable(WorkbookEnvironment.KafkaVariable, WorkbookEnvironment.Kafka, DoctorText.KafkaExample));
        checks.Add(docker
            ? new DoctorCheck(DoctorText.CheckDocker, CheckState.Ok, DoctorText.DockerAnswers)
            : new DoctorCheck(DoctorText.CheckDocker, CheckState.Optional, WorkbookEnvironment.DockerAllowed ? DoctorText.DockerNoEngine : DoctorText.DockerNotAsked(WorkbookEnvironment.DockerVariable)));
        checks.Add(findings.RedisServer is not null
            ? new DoctorCheck(DoctorText.CheckRedisServer, CheckState.Ok, findings.RedisServer)
            : new DoctorCheck(DoctorText.CheckRedisServer, CheckState.Optional, DoctorText.RedisServerNotFound, ChainAdvice.RedisServerInstall));
        checks.Add(new DoctorCheck(DoctorText.CheckGarnet, CheckState.Ok, DoctorText.GarnetBuiltIn(GarnetRedisServer.Version)));
        checks.Add(findings.Kcat is not null
            ? new DoctorCheck(DoctorText.CheckKcat, CheckState.Ok, findings.Kcat)
            : new DoctorCheck(DoctorText.CheckKcat, CheckState.Optional, DoctorText.KcatNotFound, ChainAdvice.KcatInstall));
        checks.Add(new DoctorCheck(DoctorText.CheckRedisChain, CheckState.Ok, ChainAdvice.RedisChain(findings)));
        checks.Add(new DoctorCheck(DoctorText.CheckKafkaChain, CheckState.Ok, ChainAdvice.KafkaChain(findings)));

        var (redisCheck, redisVerdict) = await RedisAsync(cancellationToken);
        checks.Add(redisCheck);
        var (kafkaCheck, kafkaVerdict) = await KafkaAsync(cancellationToken);
        checks.Add(kafkaCheck);
        return new DoctorReport(checks, redisVerdict, kafkaVerdict, ChainAdvice.Gains(findings));
    }

    private static DoctorCheck Variable(string name, string? value, string what) => string.IsNullOrWhiteSpace(value)
        ? new DoctorCheck(name, CheckState.Optional, DoctorText.VariableNotSet(what))
        : new DoctorCheck(name, CheckState.Ok, DoctorText.VariableSet(name == WorkbookEnvironment.RedisVariable ? Redact(value) : value));

    private static async Task<DoctorCheck> SdkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var run = await ProcessRunner.RunAsync("dotnet", ["--version"], Environment.CurrentDirectory, cancellationToken);
            var version = run.Output.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "?";
            return run.ExitCode == 0 && int.TryParse(version.Split('.')[0], out var major) && major >= 10
                ? new DoctorCheck(".NET SDK", CheckState.Ok, version)
                : new DoctorCheck(".NET SDK", CheckState.Fail, DoctorText.SdkSaid(version), DoctorText.SdkInstall);
        }
        catch (UsageException)
        {
            return new DoctorCheck(".NET SDK", CheckState.Fail, DoctorText.SdkMissing, DoctorText.SdkInstall);
        }
    }

    private static async Task<(DoctorCheck Check, string Verdict)> RedisAsync(CancellationToken cancellationToken)
    {
        var name = DoctorText.CheckRedisAnswers;
        var fix = DoctorText.RedisFix(WorkbookEnvironment.RedisVariable);
        try
        {
            await using var backend = await RedisBackend.StartAsync(GarnetRedis.Starter, cancellationToken: cancellationToken);
            await using var connection = await backend.ConnectAsync().WaitAsync(ConnectTimeout, cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(ConnectTimeout, cancellationToken);
            var version = connection.GetServers().FirstOrDefault()?.Version.ToString() ?? "?";
            var what = backend.IsGarnet ? DoctorText.GarnetSpeaking(version) : "Redis " + version;
            return (new DoctorCheck(name, CheckState.Ok, DoctorText.RedisPing(latency.TotalMilliseconds, what)), backend.Description);
        }
        catch (Exception e) when (e is BackendUnavailableException or RedisException or TimeoutException or IOException or InvalidOperationException)
        {
            var where = string.IsNullOrWhiteSpace(WorkbookEnvironment.Redis)
                ? DoctorText.NoRedisStarted
                : DoctorText.PointsAtSilent(WorkbookEnvironment.RedisVariable, Redact(WorkbookEnvironment.Redis));
            var fixHere = string.IsNullOrWhiteSpace(WorkbookEnvironment.Redis)
                ? fix
                : DoctorText.RedisFixExternal(Redact(WorkbookEnvironment.Redis), WorkbookEnvironment.RedisVariable);
            return (new DoctorCheck(name, CheckState.Fail, $"{where}: {FirstLine(e.Message)}", fixHere), DoctorText.RedisNone(where));
        }
    }

    private static async Task<(DoctorCheck Check, string Verdict)> KafkaAsync(CancellationToken cancellationToken)
    {
        var name = DoctorText.CheckKafkaAnswers;
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
            return (new DoctorCheck(name, CheckState.Ok, DoctorText.KafkaMetadata(brokers, watch.ElapsedMilliseconds)), backend.Description);
        }
        catch (Exception e) when (e is KafkaException or BackendUnavailableException or InvalidOperationException or DllNotFoundException or TimeoutException)
        {
            var external = WorkbookEnvironment.Kafka;
            var where = string.IsNullOrWhiteSpace(external)
                ? DoctorText.NoKafkaStarted
                : DoctorText.PointsAtSilent(WorkbookEnvironment.KafkaVariable, external);
            var fix = string.IsNullOrWhiteSpace(external)
                ? DoctorText.KafkaFix(WorkbookEnvironment.KafkaVariable)
                : DoctorText.KafkaFixExternal(external, WorkbookEnvironment.KafkaVariable);
            return (new DoctorCheck(name, CheckState.Fail, $"{where}: {FirstLine(e.Message)}", fix), DoctorText.KafkaNone(where));
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Where(part => !part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
}
