using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Workbook.Infrastructure.Backends;
using Workbook.Shop.Hosting;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// Issue 13's "startup errors", replayed on the real process (<c>dotnet Workbook.Shop.dll</c>, the build beside these
/// tests): a bad setting, a bad signing key file or an unreachable <c>Shop:Redis</c> prints one line on stderr and exits with its documented code,
/// with no stack trace anywhere. Each run is bounded to 60 s (it fails before any backend starts, in about a second).
/// </summary>
public sealed class StartupFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--Shop:DemoProducts=7", "Shop:DemoProducts")]
    [InlineData("--Shop:RateLimitPermits=many", "Shop:RateLimitPermits")]
    [InlineData("--Shop:RedisCallTimeout=00:05:00", "RedisCallTimeout")]
    public async Task An_invalid_setting_is_one_line_on_stderr_and_exit_code_2(string setting, string named)
    {
        var run = await RunShopAsync(setting);
        run.ExitCode.Should().Be(ShopStartup.InvalidConfiguration, "stderr was: {0}", run.Stderr);
        OneLineWithoutStackTrace(run).Should().Contain(named).And.Contain("Fix:");
    }

    [Fact]
    public async Task An_unreachable_Shop_Redis_is_one_line_on_stderr_and_exit_code_3()
    {
        var port = FreePort.Next(); // nothing listens there
        var run = await RunShopAsync($"--Shop:Redis=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},connectTimeout=1000");
        run.ExitCode.Should().Be(ShopStartup.BackendUnreachable, "stderr was: {0}", run.Stderr);
        OneLineWithoutStackTrace(run).Should().Contain($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}").And.Contain("Shop:Redis").And.Contain("Fix:");
    }

    [Fact]
    public async Task A_signing_key_file_that_holds_no_key_is_one_line_on_stderr_and_exit_code_2()
    {
        var folder = Directory.CreateTempSubdirectory("shop-key-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "shop-dev-signing.key");
            await File.WriteAllTextAsync(keyFile, "not a base64 key", Ct);
            var run = await RunShopAsync("--Shop:Auth:DevKeyFile=" + keyFile);
            run.ExitCode.Should().Be(ShopStartup.InvalidConfiguration, "stderr was: {0}", run.Stderr);
            OneLineWithoutStackTrace(run).Should().Contain(keyFile).And.Contain("Fix:");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string OneLineWithoutStackTrace(ShopRun run)
    {
        (run.Stdout + run.Stderr).Should().NotContain("   at ", "no stack trace; stdout: {0}", run.Stdout);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle("one clear line, not a report; stderr: {0}", run.Stderr);
        return lines[0];
    }

    private static async Task<ShopRun> RunShopAsync(string setting)
    {
        var folder = Directory.CreateTempSubdirectory("shop-startup-");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Workbook.Shop.dll"), setting, "--Shop:SqlitePath=" + Path.Combine(folder.FullName, "shop.db"), "--urls=http://127.0.0.1:0" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            bound.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The shop with {setting} did not exit within 60 s; it should fail at once.");
            }

            return new ShopRun(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record ShopRun(int ExitCode, string Stdout, string Stderr);
}
