using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LogReg.Simd.Bench;

/// <summary>A benchmark that knows how much data one invocation covers, for its current parameters.</summary>
public interface IThroughput
{
    /// <summary>The bytes of X behind one invocation.</summary>
    long BytesPerOperation { get; }

    /// <summary>The rows (examples) behind one invocation.</summary>
    long RowsPerOperation { get; }
}

/// <summary>
/// A throughput column computed from the mean time and the benchmark's <see cref="IThroughput"/>:
/// GB/s (bytes of X over time, so every form stands beside the read-only pass) or ns per row.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly bool _nanosecondsPerRow;

    private ThroughputColumn(bool nanosecondsPerRow) => _nanosecondsPerRow = nanosecondsPerRow;

    public static ThroughputColumn GigabytesPerSecond { get; } = new(false);

    public static ThroughputColumn NanosecondsPerRow { get; } = new(true);

    public string Id => _nanosecondsPerRow ? "NsPerRow" : "GBps";

    public string ColumnName => _nanosecondsPerRow ? "ns/row" : "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _nanosecondsPerRow ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _nanosecondsPerRow ? "Mean time / rows of X" : "Bytes of X / mean time (10^9 bytes per second)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } stats || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IThroughput instance)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
        }

        double value = _nanosecondsPerRow
            ? stats.Mean / instance.RowsPerOperation
            : instance.BytesPerOperation / stats.Mean;
        return value.ToString(_nanosecondsPerRow ? "F3" : "F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
