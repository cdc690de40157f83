using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LogReg.Simd.Bench;

/// <summary>A benchmark that knows how many bytes of X one invocation reads.</summary>
public interface IBytesPerOperation
{
    /// <summary>The bytes of X behind one invocation, for the current parameters.</summary>
    long BytesPerOperation { get; }
}

/// <summary>GB/s: the bytes of X one invocation covers over the mean time, so every form stands beside the read-only pass.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes of X per invocation / mean time (10^9 bytes per second)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IBytesPerOperation instance)
        {
            return "-";
        }

        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
            benchmarkCase.Descriptor.Type.GetField(parameter.Name)?.SetValue(instance, parameter.Value);
        }

        double seconds = stats.Mean / 1e9;
        return (instance.BytesPerOperation / seconds / 1e9).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
