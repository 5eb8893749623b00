using System.Runtime.CompilerServices;
using Workbook.Infrastructure.Testing;
using Xunit.v3;

namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// Keeps every <see cref="Eventually"/> wait of a lesson test within two thirds of the test's own bound
/// ([RedisFact] 10 s, [KafkaFact] 30 s), so a wait the student's code never satisfies fails with what it waited for
/// and what it last saw, rather than with the bare timeout of the test.
/// </summary>
internal static class WaitsWithinTheTestBound
{
    [ModuleInitializer]
    internal static void Install() =>
        Eventually.Cap = () => TestContext.Current.TestCase is IXunitTestCase { Timeout: > 0 } test
            ? TimeSpan.FromMilliseconds(test.Timeout * 2 / 3)
            : null;
}
