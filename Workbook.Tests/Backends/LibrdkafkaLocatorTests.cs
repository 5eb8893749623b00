using System.Runtime.InteropServices;
using Workbook.Infrastructure.Kafka;

namespace Workbook.Tests.Backends;

public sealed class LibrdkafkaLocatorTests
{
    private static readonly string App = Path.Combine(Path.GetTempPath(), "app");

    [Theory]
    [InlineData(NativeOs.Linux, Architecture.X64, "runtimes/linux-x64/native/librdkafka.so")]
    [InlineData(NativeOs.Linux, Architecture.Arm64, "runtimes/linux-arm64/native/librdkafka.so")]
    [InlineData(NativeOs.Windows, Architecture.X64, "runtimes/win-x64/native/librdkafka.dll")]
    [InlineData(NativeOs.MacOS, Architecture.Arm64, "runtimes/osx-arm64/native/librdkafka.dylib")]
    [InlineData(NativeOs.MacOS, Architecture.X64, "runtimes/osx-x64/native/librdkafka.dylib")]
    public void Each_platform_first_tries_the_file_librdkafka_redist_ships_for_it(NativeOs os, Architecture architecture, string expected) =>
        LibrdkafkaLocator.Choose(os, architecture, [App], _ => true).Should().Be(Under(expected));

    [Fact]
    public void On_Linux_the_centos8_build_is_the_fallback_when_the_default_cannot_load()
    {
        var tried = new List<string>();

        var chosen = LibrdkafkaLocator.Choose(NativeOs.Linux, Architecture.X64, [App], path => path.EndsWith("centos8-librdkafka.so", StringComparison.Ordinal), tried);

        chosen.Should().Be(Under("runtimes/linux-x64/native/centos8-librdkafka.so"));
        tried.Should().Equal(Under("runtimes/linux-x64/native/librdkafka.so"), chosen);
    }

    [Fact]
    public void A_RID_specific_publish_finds_the_file_beside_the_app() =>
        LibrdkafkaLocator.Choose(NativeOs.Windows, Architecture.X64, [App], path => !path.Contains("runtimes", StringComparison.Ordinal))
            .Should().Be(Under("librdkafka.dll"));

    [Fact]
    public void Nothing_loadable_gives_null_and_names_every_file_tried()
    {
        var tried = new List<string>();

        LibrdkafkaLocator.Choose(NativeOs.MacOS, Architecture.Arm64, [App, App], _ => false, tried).Should().BeNull();

        tried.Should().Equal(Under("runtimes/osx-arm64/native/librdkafka.dylib"), Under("librdkafka.dylib"));
    }

    [Theory]
    [InlineData(NativeOs.Linux, Architecture.X64)]
    [InlineData(NativeOs.Linux, Architecture.Arm64)]
    [InlineData(NativeOs.Windows, Architecture.X64)]
    [InlineData(NativeOs.MacOS, Architecture.Arm64)]
    [InlineData(NativeOs.MacOS, Architecture.X64)]
    public void The_first_choice_is_a_file_this_build_really_carries(NativeOs os, Architecture architecture) =>
        File.Exists(LibrdkafkaLocator.Candidates(os, architecture, [AppContext.BaseDirectory])[0]).Should().BeTrue(
            "a portable build copies librdkafka.redist's runtimes/ folder, and the locator must name its files exactly");

    /// <summary>A path under the app folder, written with '/' here and this OS's separator in the result.</summary>
    private static string Under(string relative) => Path.Combine([App, .. relative.Split('/')]);
}
