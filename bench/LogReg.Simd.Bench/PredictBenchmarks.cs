using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Bench;

/// <summary>
/// Single-row latency (the serving path), float and double: the logit alone and the probability, so the
/// sigmoid's cost is the difference. Each call takes the next row of a pool of different rows, as a service
/// sees them, not one row the branch predictor and caches have learned.
/// </summary>
[MemoryDiagnoser]
public class PredictBenchmarks
{
    private const int Pool = 1024;
    private LogisticRegressionModel<float> _floatModel = null!;
    private LogisticRegressionModel<double> _doubleModel = null!;
    private float[] _floatRows = [];
    private double[] _doubleRows = [];
    private int _next;

    public static IEnumerable<int> FeatureCounts => Smoke.Pick([8, 30, 100, 1000], 8);

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; } = 30;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double[] w = Enumerable.Range(0, Features).Select(_ => random.NextDouble() - 0.5).ToArray();
        _doubleModel = new LogisticRegressionModel<double>(w, 0.25);
        _floatModel = new LogisticRegressionModel<float>(w.Select(v => (float)v).ToArray(), 0.25f);
        _doubleRows = Enumerable.Range(0, Pool * Features).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        _floatRows = _doubleRows.Select(v => (float)v).ToArray();
    }

    [Benchmark]
    public float DecisionFunctionFloat() => _floatModel.DecisionFunction(NextRow(_floatRows));

    [Benchmark]
    public float PredictProbabilityFloat() => _floatModel.PredictProbability(NextRow(_floatRows));

    [Benchmark]
    public double DecisionFunctionDouble() => _doubleModel.DecisionFunction(NextRow(_doubleRows));

    [Benchmark]
    public double PredictProbabilityDouble() => _doubleModel.PredictProbability(NextRow(_doubleRows));

    private ReadOnlySpan<T> NextRow<T>(T[] rows)
    {
        int row = _next;
        _next = row + 1 == Pool ? 0 : row + 1;
        return rows.AsSpan(row * Features, Features);
    }
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
