using Workbook.Infrastructure.Backends;

namespace Workbook.Tests.Backends;

[Collection(nameof(EnvironmentVariables))]
public sealed class DockerProbeTests
{
    [Fact]
    public async Task A_closed_Docker_endpoint_does_not_count_as_an_engine()
    {
        var port = FreePort.Next();
        using var _ = new EnvironmentVariables(("DOCKER_HOST", $"tcp://127.0.0.1:{port}"));

        (await DockerProbe.EngineAnswersAsync(TestContext.Current.CancellationToken)).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_socket_does_not_count_as_an_engine()
    {
        using var _ = new EnvironmentVariables(("DOCKER_HOST", "unix:///nonexistent/docker.sock"));

        (await DockerProbe.EngineAnswersAsync(TestContext.Current.CancellationToken)).Should().BeFalse();
    }
}
