using Workbook.Cli.Localization;
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
            return DoctorText.ChainVariableSetRedis(WorkbookEnvironment.RedisVariable);
        }

        steps.Add(DoctorText.ChainVariableNotSet(WorkbookEnvironment.RedisVariable));
        if (kind == BackendKind.Docker)
        {
            return Chain(steps, DoctorText.ChainDockerRedis);
        }

        steps.Add(DoctorText.ChainNoDocker);
        return kind == BackendKind.Embedded
            ? Chain(steps, DoctorText.ChainRedisServer(findings.RedisServer))
            : Chain(steps, DoctorText.ChainGarnet(GarnetRedisServer.Version));
    }

    /// <summary>The Kafka chain step by step, up to the step a test run will use.</summary>
    public static string KafkaChain(ChainFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return BackendSelector.ChooseKafka(findings.KafkaVariable, findings.DockerAnswers) switch
        {
            BackendKind.External => DoctorText.ChainVariableSetKafka(WorkbookEnvironment.KafkaVariable),
            BackendKind.Docker => DoctorText.ChainKafkaDocker(WorkbookEnvironment.KafkaVariable),
            _ => DoctorText.ChainKafkaMock(WorkbookEnvironment.KafkaVariable),
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
                ? DoctorText.GainRedisServerCluster(RedisServerInstall)
                : DoctorText.GainRedisServer(RedisServerInstall));
        }

        if (!findings.DockerAnswers)
        {
            gains.Add(DoctorText.GainDocker);
        }

        if (findings.Kcat is null)
        {
            gains.Add(DoctorText.GainKcat(KcatInstall));
        }

        return gains;
    }

    private static string Chain(List<string> steps, string last) => string.Join(" → ", [.. steps, last]);
}
