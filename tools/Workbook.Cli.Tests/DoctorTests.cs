using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Workbook.Cli.Doctor;
using Workbook.Infrastructure.Backends;

namespace Workbook.Cli.Tests;

public sealed class DoctorTests
{
    // Doctor must pick the embedded backends: no external settings, no Docker probe.
    private static readonly Dictionary<string, string?> EmbeddedOnly = new()
    {
        ["WORKBOOK_REDIS"] = null,
        ["WORKBOOK_KAFKA"] = null,
        ["WORKBOOK_DOCKER"] = "0",
    };

    [Fact]
    public async Task Names_the_embedded_backends_the_tests_will_use()
    {
        Assert.SkipWhen(ExecutableLocator.Find("redis-server") is null, "redis-server is not on PATH; this test checks doctor's report of it (the Garnet case has its own test).");
        var result = await Cli.RunAsync(RepositoryRoot.Path, EmbeddedOnly, TestContext.Current.CancellationToken, "doctor");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("embedded redis-server").And.Contain("from PATH")
            .And.Contain("mock cluster").And.Contain("The lesson tests can run here.");
    }

    [Fact]
    public async Task Says_so_and_fails_when_WORKBOOK_REDIS_points_at_a_closed_port()
    {
        var port = ClosedPort();
        var environment = new Dictionary<string, string?>(EmbeddedOnly) { ["WORKBOOK_REDIS"] = $"127.0.0.1:{port}" };

        var result = await Cli.RunAsync(RepositoryRoot.Path, environment, TestContext.Current.CancellationToken, "doctor");

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Stdout.Should().Contain($"WORKBOOK_REDIS points at 127.0.0.1:{port}, which does not answer")
            .And.Contain("cannot run");
        result.Output.Should().NotContain("   at ", "a missing server is not a crash");
    }

    [Fact]
    public async Task With_redis_server_hidden_names_Garnet_and_what_installing_redis_server_adds()
    {
        var environment = new Dictionary<string, string?>(EmbeddedOnly) { ["PATH"] = PathWithoutRedisServer() };

        var result = await Cli.RunAsync(RepositoryRoot.Path, environment, TestContext.Current.CancellationToken, "doctor");

        // The console wraps long lines; the words matter, not where they break.
        var stdout = Regex.Replace(result.Stdout, @"\s+", " ");
        result.ExitCode.Should().Be(0, result.ToString());
        stdout.Should().Contain("A test run will use: Redis: Garnet ").And.Contain("not Redis itself; install redis-server for Redis")
            .And.Contain("redis-server (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis): the Redis lessons run on Redis itself instead of Garnet")
            .And.Contain("The lesson tests can run here.");
    }

    [Fact]
    public void The_chain_stops_at_the_first_step_that_gives_a_Redis()
    {
        ChainAdvice.RedisChain(Found(redis: "localhost:6379", docker: true, redisServer: "/usr/bin/redis-server"))
            .Should().Be("WORKBOOK_REDIS is set → will use the server it names");
        ChainAdvice.RedisChain(Found(docker: true, redisServer: "/usr/bin/redis-server"))
            .Should().EndWith("a Docker engine answers → will use Redis in a container (Testcontainers)");
        ChainAdvice.RedisChain(Found(redisServer: "/usr/bin/redis-server"))
            .Should().Be("WORKBOOK_REDIS not set → no Docker engine → redis-server at /usr/bin/redis-server → will use Redis itself, started for the run");
        ChainAdvice.RedisChain(Found())
            .Should().StartWith("WORKBOOK_REDIS not set → no Docker engine → no redis-server on PATH → will use Garnet ")
            .And.EndWith("not Redis itself");
    }

    [Fact]
    public void The_Kafka_chain_ends_at_the_mock_without_Docker_or_WORKBOOK_KAFKA()
    {
        ChainAdvice.KafkaChain(Found(kafka: "localhost:9092")).Should().Be("WORKBOOK_KAFKA is set → will use the cluster it names");
        ChainAdvice.KafkaChain(Found(docker: true)).Should().Contain("Apache Kafka in a container");
        ChainAdvice.KafkaChain(Found()).Should().EndWith("will use librdkafka's mock cluster inside the test process — not Apache Kafka");
    }

    [Fact]
    public void Each_missing_program_says_what_installing_it_adds()
    {
        var gains = ChainAdvice.Gains(Found());

        gains.Should().HaveCount(3);
        gains.Should().ContainSingle(g => g.StartsWith("redis-server", StringComparison.Ordinal) && g.Contains("instead of Garnet", StringComparison.Ordinal) && g.Contains("B3", StringComparison.Ordinal));
        gains.Should().ContainSingle(g => g.StartsWith("Docker", StringComparison.Ordinal) && g.Contains("Apache Kafka", StringComparison.Ordinal) && g.Contains("B2", StringComparison.Ordinal));
        gains.Should().ContainSingle(g => g.StartsWith("kcat", StringComparison.Ordinal) && g.Contains("lesson 04", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_to_add_when_everything_is_there()
    {
        ChainAdvice.Gains(Found(docker: true, redisServer: "/usr/bin/redis-server", kcat: "/usr/bin/kcat")).Should().BeEmpty();
        ChainAdvice.Gains(Found(docker: true, kcat: "/usr/bin/kcat")).Should().ContainSingle()
            .Which.Should().Contain("B3").And.NotContain("instead of Garnet", "with Docker the lessons already run on Redis itself");
    }

    private static ChainFindings Found(string? redis = null, string? kafka = null, bool docker = false, string? redisServer = null, string? kcat = null) =>
        new(redis, kafka, docker, redisServer, kcat);

    /// <summary>This PATH without the directories that hold redis-server, plus dotnet's own directory.</summary>
    private static string PathWithoutRedisServer()
    {
        var dotnet = ExecutableLocator.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        var dotnetDirectory = Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)!;
        var kept = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(directory => !File.Exists(Path.Combine(directory, "redis-server")) && !File.Exists(Path.Combine(directory, "redis-server.exe")));
        return string.Join(Path.PathSeparator, [dotnetDirectory, .. kept]);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
