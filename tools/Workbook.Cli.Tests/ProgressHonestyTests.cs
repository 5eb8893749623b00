using System.Net;
using System.Net.Sockets;

namespace Workbook.Cli.Tests;

public sealed class ProgressHonestyTests
{
    [Fact]
    public async Task Progress_without_a_Redis_names_the_backend_and_fails_instead_of_reporting_not_started()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var environment = new Dictionary<string, string?> { ["WORKBOOK_REDIS"] = $"127.0.0.1:{port}", ["WORKBOOK_DOCKER"] = "0" };
        var result = await Cli.RunAsync(RepositoryRoot.Path, environment, TestContext.Current.CancellationToken, "progress");

        result.ExitCode.Should().Be(ExitCodes.CannotRun, result.ToString());
        result.Stdout.Should().NotContain("not started", "a lesson whose tests could not run has not been measured at all");
        result.Stderr.Should().Contain($"127.0.0.1:{port}").And.Contain("doctor", "the message says how to find out what is missing");
        result.Output.Should().NotContain("   at ", "a missing server is not a crash");
    }
}
