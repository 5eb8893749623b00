using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Workbook.Benchmarks.Support;

/// <summary>
/// Operations (messages, decisions, commands) per second: 1 s divided by the mean time of one operation. Every
/// benchmark here uses <c>OperationsPerInvoke</c>, so the mean is already per operation.
/// </summary>
public sealed class OpsPerSecondColumn : IColumn
{
    public static readonly OpsPerSecondColumn Instance = new();

    public string Id => nameof(OpsPerSecondColumn);

    public string ColumnName => "Ops/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Operations (messages for Kafka, calls for Redis) per second: 1 s / Mean";

    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? 1e9 / mean.Value : null;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Of(summary, benchmarkCase) is { } ops ? ops.ToString("N0", CultureInfo.InvariantCulture) : "NA";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
