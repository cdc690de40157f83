using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Bench;

/// <summary>
/// Single sparse-row latency, float and double: the logit alone and the probability. Each call takes the next
/// row of a pool of different rows with different random columns, as <see cref="PredictBenchmarks"/> does. A
/// model of 5,000 features keeps its weights in L1/L2; one of url's 3,231,961 features (13 MB of floats) makes
/// most gathered weights cache misses, which is what a service scoring hashed features pays.
/// </summary>
[MemoryDiagnoser]
public class SparsePredictBenchmarks
{
    private const int Pool = 1024;
    private LogisticRegressionModel<float> _floatModel = null!;
    private LogisticRegressionModel<double> _doubleModel = null!;
    private int[] _indices = [];
    private float[] _floatValues = [];
    private double[] _doubleValues = [];
    private int _next;

    public static IEnumerable<int> NonZeroCounts => Smoke.Pick([30, 100], 30);

    public static IEnumerable<int> FeatureCounts => Smoke.Pick([5_000, 3_231_961], 5_000);

    [ParamsSource(nameof(FeatureCounts))]
    public int ModelFeatures { get; set; } = 5_000;

    [ParamsSource(nameof(NonZeroCounts))]
    public int NonZeros { get; set; } = 30;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double[] w = Enumerable.Range(0, ModelFeatures).Select(_ => random.NextDouble() - 0.5).ToArray();
        _doubleModel = new LogisticRegressionModel<double>(w, 0.25);
        _floatModel = new LogisticRegressionModel<float>(w.Select(v => (float)v).ToArray(), 0.25f);
        _indices = new int[Pool * NonZeros];
        for (int row = 0; row < Pool; row++)
        {
            var columns = new SortedSet<int>();
            while (columns.Count < NonZeros)
            {
                columns.Add(random.Next(ModelFeatures));
            }

            columns.CopyTo(_indices, row * NonZeros);
        }

        _doubleValues = Enumerable.Range(0, Pool * NonZeros).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        _floatValues = _doubleValues.Select(v => (float)v).ToArray();
    }

    [Benchmark]
    public float DecisionFunctionFloat()
    {
        int start = NextStart();
        return _floatModel.DecisionFunction(_indices.AsSpan(start, NonZeros), _floatValues.AsSpan(start, NonZeros));
    }

    [Benchmark]
    public float PredictProbabilityFloat()
    {
        int start = NextStart();
        return _floatModel.PredictProbability(_indices.AsSpan(start, NonZeros), _floatValues.AsSpan(start, NonZeros));
    }

    [Benchmark]
    public double PredictProbabilityDouble()
    {
        int start = NextStart();
        return _doubleModel.PredictProbability(_indices.AsSpan(start, NonZeros), _doubleValues.AsSpan(start, NonZeros));
    }

    private int NextStart()
    {
        int row = _next;
        _next = row + 1 == Pool ? 0 : row + 1;
        return row * NonZeros;
    }
}

/// <summary>
/// The LIBSVM reader into a dense matrix and into CSR on the same generated file: 20,000 rows x 5,000
/// features, about 35 nonzeros per row (values as 6-digit decimals). MB/s is the file size over the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class LibSvmLayoutBenchmarks
{
    private static readonly int Rows = Smoke.IsOn ? 1_000 : 20_000;

    public static string FilePath => GeneratedLibSvm.Path("narrow", Rows, columns: 5_000, meanNonZeros: 35);

    [GlobalSetup]
    public void Setup() => GeneratedLibSvm.Ensure(FilePath, Rows, columns: 5_000, meanNonZeros: 35);

    [Benchmark(Baseline = true)]
    public int DenseFloat() => DatasetReader.ReadLibSvm<float>(FilePath, new LibSvmReadOptions { MaxDenseBytes = 1L << 30 }).Rows;

    [Benchmark]
    public int SparseFloat() => DatasetReader.ReadLibSvmSparse<float>(FilePath).Rows;

    [Benchmark]
    public int SparseDouble() => DatasetReader.ReadLibSvmSparse<double>(FilePath).Rows;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FileMegabytesPerSecondColumn(_ => FilePath));
    }
}

/// <summary>
/// The CSR reader on a url-shaped file: 20,000 rows, about 115 nonzeros per row, indices up to 3,231,961
/// (url's feature count), which no dense matrix of this library can hold.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class WideLibSvmBenchmarks
{
    private static readonly int Rows = Smoke.IsOn ? 1_000 : 20_000;

    public static string FilePath => GeneratedLibSvm.Path("url-shaped", Rows, columns: 3_231_961, meanNonZeros: 115);

    [GlobalSetup]
    public void Setup() => GeneratedLibSvm.Ensure(FilePath, Rows, columns: 3_231_961, meanNonZeros: 115);

    [Benchmark]
    public int SparseFloat() => DatasetReader.ReadLibSvmSparse<float>(FilePath).Rows;

    [Benchmark]
    public int SparseDouble() => DatasetReader.ReadLibSvmSparse<double>(FilePath).Rows;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FileMegabytesPerSecondColumn(_ => FilePath));
    }
}

/// <summary>Generated LIBSVM files in the temp folder: sorted random columns per row, +1/-1 labels, 6-digit values.</summary>
public static class GeneratedLibSvm
{
    public static string Path(string name, int rows, int columns, int meanNonZeros) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"logreg-{name}-{rows}x{columns}-{meanNonZeros}.libsvm"));

    public static void Ensure(string path, int rows, int columns, int meanNonZeros)
    {
        if (File.Exists(path))
        {
            return;
        }

        var random = new Random(17);
        string temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            var row = new SortedSet<int>();
            for (int i = 0; i < rows; i++)
            {
                row.Clear();
                int count = random.Next(meanNonZeros / 2, (meanNonZeros * 3 / 2) + 1);
                while (row.Count < count)
                {
                    row.Add(random.Next(1, columns + 1));
                }

                writer.Write(random.Next(2) == 0 ? "-1" : "+1");
                foreach (int index in row)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $" {index}:{random.NextDouble():F6}"));
                }

                writer.Write('\n');
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>MB/s: the size of the file a benchmark reads over its mean time.</summary>
internal sealed class FileMegabytesPerSecondColumn(Func<BenchmarkCase, string> file) : IColumn
{
    public string Id => nameof(FileMegabytesPerSecondColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "File size / mean time (10^6 bytes per second)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats && File.Exists(file(benchmarkCase))
            ? (new FileInfo(file(benchmarkCase)).Length / (stats.Mean / 1e9) / 1e6).ToString("F0", CultureInfo.InvariantCulture)
            : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
