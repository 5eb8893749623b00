using Workbook.Infrastructure.Backends;

namespace Workbook.Tests.Backends;

public sealed class BackendSelectorTests
{
    [Theory]
    [InlineData("localhost:6379", true, true, true, BackendKind.External)]
    [InlineData("localhost:6379", false, false, false, BackendKind.External)]
    [InlineData(null, true, true, true, BackendKind.Docker)]
    [InlineData("", true, false, false, BackendKind.Docker)]
    [InlineData(null, false, true, true, BackendKind.Embedded)]
    [InlineData("  ", false, true, false, BackendKind.Embedded)]
    [InlineData(null, false, false, true, BackendKind.InProcess)]
    [InlineData("", false, false, true, BackendKind.InProcess)]
    public void Redis_prefers_external_then_Docker_then_redis_server_then_in_process(string? external, bool docker, bool redisServer, bool inProcess, BackendKind expected) =>
        BackendSelector.ChooseRedis(external, docker, redisServer, inProcess).Should().Be(expected);

    [Fact]
    public void Without_any_Redis_the_error_says_how_to_get_one()
    {
        var act = () => BackendSelector.ChooseRedis(null, dockerAnswers: false, redisServerOnPath: false, inProcessAvailable: false);

        act.Should().Throw<BackendUnavailableException>()
            .WithMessage("*apt-get install redis-server*")
            .WithMessage("*start Docker*")
            .WithMessage("*WORKBOOK_REDIS*")
            .WithMessage("*Garnet*");
    }

    [Theory]
    [InlineData("localhost:9092", true, BackendKind.External)]
    [InlineData(null, true, BackendKind.Docker)]
    [InlineData(null, false, BackendKind.Embedded)]
    [InlineData("", false, BackendKind.Embedded)]
    public void Kafka_prefers_external_then_Docker_then_the_mock_cluster(string? external, bool docker, BackendKind expected) =>
        BackendSelector.ChooseKafka(external, docker).Should().Be(expected);
}
