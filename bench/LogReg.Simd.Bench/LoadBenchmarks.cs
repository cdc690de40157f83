using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LogReg.Simd.Data;

namespace LogReg.Simd.Bench;

/// <summary>
/// The CSV (Sep) and LIBSVM readers on a generated ~100 MB numeric file each (100,000 rows x 50 columns of
/// round-trip-formatted doubles), read from the page cache into a float or double data set.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class LoadBenchmarks
{
    private static readonly int Rows = Smoke.IsOn ? 1_000 : 100_000;
    private const int Columns = 49;
    private string _csv = string.Empty;
    private string _libsvm = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(Path.GetTempPath(), "logreg-load-bench-" + Rows.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        _csv = Path.Combine(folder, "numeric.csv");
        _libsvm = Path.Combine(folder, "numeric.libsvm");
        if (!File.Exists(_csv) || !File.Exists(_libsvm))
        {
            Write(_csv, _libsvm);
        }
    }

    [Benchmark]
    public int CsvDouble() => DatasetReader.ReadCsv<double>(_csv).Rows;

    [Benchmark]
    public int CsvFloat() => DatasetReader.ReadCsv<float>(_csv).Rows;

    [Benchmark]
    public int LibSvmDouble() => DatasetReader.ReadLibSvm<double>(_libsvm).Rows;

    [Benchmark]
    public int LibSvmFloat() => DatasetReader.ReadLibSvm<float>(_libsvm).Rows;

    [Benchmark]
    public int LibSvmSparseDouble() => DatasetReader.ReadLibSvmSparse<double>(_libsvm).Rows;

    [Benchmark]
    public int LibSvmSparseFloat() => DatasetReader.ReadLibSvmSparse<float>(_libsvm).Rows;

    private static void Write(string csvPath, string libsvmPath)
    {
        var random = new Random(11);
        using var csv = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 20);
        using var libsvm = new StreamWriter(libsvmPath, false, new UTF8Encoding(false), 1 << 20);
        var header = new StringBuilder();
        for (int j = 0; j < Columns; j++)
        {
            header.Append('f').Append(j).Append(',');
        }

        csv.WriteLine(header.Append('y').ToString());
        for (int i = 0; i < Rows; i++)
        {
            int label = random.Next(2);
            libsvm.Write(label == 1 ? "+1" : "-1");
            for (int j = 0; j < Columns; j++)
            {
                string value = ((random.NextDouble() * 2) - 1).ToString("R", CultureInfo.InvariantCulture);
                csv.Write(value);
                csv.Write(',');
                libsvm.Write(' ');
                libsvm.Write((j + 1).ToString(CultureInfo.InvariantCulture));
                libsvm.Write(':');
                libsvm.Write(value);
            }

            csv.WriteLine(label.ToString(CultureInfo.InvariantCulture));
            libsvm.WriteLine();
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FileThroughputColumn());
    }

    /// <summary>MB/s: the size of the file read over the mean time.</summary>
    private sealed class FileThroughputColumn : IColumn
    {
        public string Id => nameof(FileThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "File size / mean time (10^6 bytes per second)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } stats)
            {
                return "-";
            }

            string file = Path.Combine(Path.GetTempPath(), "logreg-load-bench-" + Rows.ToString(CultureInfo.InvariantCulture), benchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("Csv", StringComparison.Ordinal) ? "numeric.csv" : "numeric.libsvm");
            return File.Exists(file) ? (new FileInfo(file).Length / (stats.Mean / 1e9) / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
