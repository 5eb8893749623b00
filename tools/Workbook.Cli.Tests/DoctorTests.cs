using System.Net;
using System.Net.Sockets;

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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
