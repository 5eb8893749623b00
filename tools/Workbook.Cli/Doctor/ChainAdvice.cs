using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Garnet;

namespace Workbook.Cli.Doctor;

/// <summary>
/// Reads <see cref="ChainFindings"/> the way the backend chain does (<see cref="BackendSelector"/>, with Garnet as the
/// Redis step that is always there): which Redis and Kafka a test run will use, and what installing redis-server,
/// Docker or kcat would add. Pure, so every combination is tested without the programs.
/// </summary>
public static class ChainAdvice
{
    public const string RedisServerInstall = "Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis";

    public const string KcatInstall = "Debian/Ubuntu: sudo apt-get install kcat; macOS: brew install kcat";

    /// <summary>The Redis chain step by step, up to the step a test run will use, e.g. <c>WORKBOOK_REDIS not set → … → will use …</c>.</summary>
    public static string RedisChain(ChainFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var kind = BackendSelector.ChooseRedis(findings.RedisVariable, findings.DockerAnswers, findings.RedisServer is not null, inProcessAvailable: true);
        var steps = new List<string>();
        if (kind == BackendKind.External)
        {
            return $"{WorkbookEnvironment.RedisVariable} is set → will use the server it names";
        }

        steps.Add($"{WorkbookEnvironment.RedisVariable} not set");
        if (kind == BackendKind.Docker)
        {
            return Chain(steps, "a Docker engine answers → will use Redis in a container (Testcontainers)");
        }

        steps.Add("no Docker engine");
        return kind == BackendKind.Embedded
            ? Chain(steps, $"redis-server at {findings.RedisServer} → will use Redis itself, started for the run")
            : Chain(steps, $"no redis-server on PATH → will use Garnet {GarnetRedisServer.Version}, a Redis-compatible server, inside the test process — not Redis itself");
    }

    /// <summary>The Kafka chain step by step, up to the step a test run will use.</summary>
    public static string KafkaChain(ChainFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return BackendSelector.ChooseKafka(findings.KafkaVariable, findings.DockerAnswers) switch
        {
            BackendKind.External => $"{WorkbookEnvironment.KafkaVariable} is set → will use the cluster it names",
            BackendKind.Docker => $"{WorkbookEnvironment.KafkaVariable} not set → a Docker engine answers → will use Apache Kafka in a container (Testcontainers)",
            _ => $"{WorkbookEnvironment.KafkaVariable} not set → no Docker engine → will use librdkafka's mock cluster inside the test process — not Apache Kafka",
        };
    }

    /// <summary>What installing each missing optional program would add; empty when nothing is missing.</summary>
    public static IReadOnlyList<string> Gains(ChainFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var gains = new List<string>();
        var redisIsSet = !string.IsNullOrWhiteSpace(findings.RedisVariable);
        if (findings.RedisServer is null)
        {
            gains.Add(redisIsSet || findings.DockerAnswers
                ? $"redis-server ({RedisServerInstall}): a local Redis Cluster for bonus B3 (scripts/redis-cluster start)."
                : $"redis-server ({RedisServerInstall}): the Redis lessons run on Redis itself instead of Garnet, and bonus B3 runs on a local Redis Cluster (scripts/redis-cluster start) instead of being skipped.");
        }

        if (!findings.DockerAnswers)
        {
            gains.Add(
                "Docker (a running engine): Testcontainers brings Apache Kafka, so the tests that skip on the mock cluster " +
                "(B2's read_committed visibility and zombie fencing) run; and Redis itself in a container.");
        }

        if (findings.Kcat is null)
        {
            gains.Add($"kcat ({KcatInstall}): lesson 04's interoperability tests, which check your records with a Kafka client we did not write, run instead of being skipped.");
        }

        return gains;
    }

    private static string Chain(List<string> steps, string last) => string.Join(" → ", [.. steps, last]);
}
