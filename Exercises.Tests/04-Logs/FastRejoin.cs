namespace Workbook.Exercises.Tests.Lesson04;

/// <summary>
/// Options for tests that stop a group member and start a new one. After a member leaves (even with a clean
/// LeaveGroup), librdkafka's mock coordinator waits <c>session.timeout.ms</c> − 1 s before it rebalances:
/// 44 s with the default 45 s. A short session makes that wait 1 s. Apache Kafka rebalances at once, so a real
/// broker keeps the defaults.
/// </summary>
internal static class FastRejoin
{
    public static KafkaOptions Options(KafkaScope kafka) => kafka.Backend.IsMock
        ? kafka.Options with
        {
            ConsumerSettings = new Dictionary<string, string>(kafka.Options.ConsumerSettings)
            {
                ["session.timeout.ms"] = "2000",
                ["heartbeat.interval.ms"] = "500",
            },
        }
        : kafka.Options;
}
