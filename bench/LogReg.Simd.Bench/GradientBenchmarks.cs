using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.ReferenceForms;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LogReg.Simd.Bench;

/// <summary>An m x n problem shape, named so the summary reads "100000x100".</summary>
public sealed record Shape(int Rows, int Columns)
{
    public override string ToString() => $"{Rows}x{Columns}";
}

/// <summary>
/// One float32 loss-and-gradient pass in each form, with the seed's loop as the baseline and a
/// read-only pass over the same X (TensorPrimitives.Sum) as the memory-bound limit.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GradientBenchmarks : IBytesPerOperation
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _w = [];
    private float[] _dw = [];
    private float[] _scratch = [];

    public static IEnumerable<Shape> Shapes => [new(10_000, 100), new(100_000, 100)];

    [ParamsSource(nameof(Shapes))]
    public Shape Shape { get; set; } = new(10_000, 100);

    public long BytesPerOperation => (long)Shape.Rows * Shape.Columns * sizeof(float);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int m = Shape.Rows, n = Shape.Columns;
        _x = new float[m * n];
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        _w = new float[n];
        for (int j = 0; j < n; j++)
        {
            _w[j] = (float)((random.NextDouble() - 0.5) * 0.2);
        }

        _y = new float[m];
        for (int i = 0; i < m; i++)
        {
            _y[i] = random.Next(2);
        }

        _dw = new float[n];
        _scratch = new float[VectorizedLossGradient.GetScratchLength(m)];
    }

    private ReadOnlyMatrixSpan<float> X => new(_x, Shape.Rows, Shape.Columns);

    [Benchmark(Baseline = true)]
    public float Looped() => LoopedLossGradient.Compute(X, _y, default, _w, 0.1f, 0.01f, _dw, out _);

    [Benchmark]
    public float Vectorized() => VectorizedLossGradient.Compute(X, _y, default, _w, 0.1f, 0.01f, _dw, _scratch, out _);

    [Benchmark]
    public float Fused() => FusedLossGradient.Compute(X, _y, default, _w, 0.1f, 0.01f, _dw, out _);

    [Benchmark]
    public float Parallel() => ParallelLossGradient.Compute(X, _y, default, _w, 0.1f, 0.01f, _dw, out _, Environment.ProcessorCount);

    [Benchmark]
    public float ReadOnlyPass() => TensorPrimitives.Sum<float>(_x);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }
}
