using Workbook.Infrastructure.Redis;

namespace Workbook.Tests.Backends;

public sealed class RedisServerProbeTests
{
    [Fact]
    public void Garnet_is_known_by_the_garnet_version_it_reports()
    {
        const string Info = "# Server\r\ngarnet_version:2.2.8\r\nserver_name:garnet\r\nredis_version:7.4.3\r\nredis_mode:standalone\r\n";

        RedisServerProbe.Classify(Info).Should().Be((RedisServerFlavor.Garnet, "2.2.8"));
    }

    [Fact]
    public void Redis_reports_only_a_redis_version()
    {
        const string Info = "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n";

        RedisServerProbe.Classify(Info).Should().Be((RedisServerFlavor.Redis, "7.0.15"));
    }

    [Fact]
    public void A_reply_without_versions_counts_as_Redis() =>
        RedisServerProbe.Classify(string.Empty).Should().Be((RedisServerFlavor.Redis, "unknown"));
}
