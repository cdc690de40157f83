using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Bench;

/// <summary>Single-row prediction latency (the serving path) and batch prediction, float and double.</summary>
[MemoryDiagnoser]
public class PredictBenchmarks
{
    private LogisticRegressionModel<float> _floatModel = null!;
    private LogisticRegressionModel<double> _doubleModel = null!;
    private float[] _floatRow = [];
    private double[] _doubleRow = [];

    public static IEnumerable<int> FeatureCounts => Smoke.Pick([8, 30, 100, 1000], 8);

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; } = 30;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double[] w = Enumerable.Range(0, Features).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] row = Enumerable.Range(0, Features).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        _doubleModel = new LogisticRegressionModel<double>(w, 0.25);
        _floatModel = new LogisticRegressionModel<float>(w.Select(v => (float)v).ToArray(), 0.25f);
        _doubleRow = row;
        _floatRow = row.Select(v => (float)v).ToArray();
    }

    [Benchmark]
    public float PredictProbabilityFloat() => _floatModel.PredictProbability(_floatRow);

    [Benchmark]
    public double PredictProbabilityDouble() => _doubleModel.PredictProbability(_doubleRow);
}

/// <summary>Batch prediction over 100,000 rows: serial SIMD and parallel.</summary>
[MemoryDiagnoser]
public class BatchPredictBenchmarks
{
    private static readonly int Rows = Smoke.IsOn ? 1_000 : 100_000;
    private LogisticRegressionModel<float> _model = null!;
    private float[] _x = [];
    private float[] _probabilities = [];

    public static IEnumerable<int> FeatureCounts => Smoke.Pick([30, 100], 30);

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; } = 30;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _model = new LogisticRegressionModel<float>(Enumerable.Range(0, Features).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 0.25f);
        _x = Enumerable.Range(0, Rows * Features).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        _probabilities = new float[Rows];
    }

    [Benchmark(Baseline = true)]
    public void Serial() => _model.PredictProbabilities(new ReadOnlyMatrixSpan<float>(_x, Rows, Features), _probabilities);

    [Benchmark]
    public void Parallel() => _model.PredictProbabilities(new ReadOnlyMatrixSpan<float>(_x, Rows, Features), _probabilities, Environment.ProcessorCount);
}
