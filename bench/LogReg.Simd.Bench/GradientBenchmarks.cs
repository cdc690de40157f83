using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Kernels.Reference;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LogReg.Simd.Bench;

/// <summary>An m x n problem shape, named so the summary reads "100000x100".</summary>
public sealed record Shape(int Rows, int Columns)
{
    public override string ToString() => $"{Rows}x{Columns}";
}

/// <summary>
/// One loss-and-gradient pass in each form, with the seed's loop as the baseline, the column-major pass the
/// trainer uses for narrow rows, and read-only passes over the same X (a four-accumulator sum, and
/// TensorPrimitives.Sum) so the memory limit stands beside every number.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class GradientBenchmarks<T> : IThroughput
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private T[] _x = [];
    private T[] _y = [];
    private T[] _w = [];
    private T[] _dw = [];
    private T[] _scratch = [];
    private ColumnMajorMatrix<T>? _columnMajor;
    private T _bias;
    private T _lambda;

    public static IEnumerable<Shape> Shapes => Smoke.Pick(
        [new(2_000, 32), new(10_000, 100), new(100_000, 100), new(1_000_000, 16), new(50_000, 1_000), new(5_000, 3_000), new(20_000, 10), new(200_000, 7)],
        new Shape(2_000, 32));

    [ParamsSource(nameof(Shapes))]
    public Shape Shape { get; set; } = new(2_000, 32);

    public long BytesPerOperation => (long)Shape.Rows * Shape.Columns * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public long RowsPerOperation => Shape.Rows;

    private ReadOnlyMatrixSpan<T> X => new(_x, Shape.Rows, Shape.Columns);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int m = Shape.Rows, n = Shape.Columns;
        _x = new T[m * n];
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        _w = new T[n];
        for (int j = 0; j < n; j++)
        {
            _w[j] = T.CreateTruncating((random.NextDouble() - 0.5) * 0.2);
        }

        _y = new T[m];
        for (int i = 0; i < m; i++)
        {
            _y[i] = T.CreateTruncating(random.Next(2));
        }

        _dw = new T[n];
        _columnMajor = ColumnMajorMatrix<T>.FromRows(X);
        _scratch = new T[VectorizedLossGradient.GetScratchLength(m)];
        _bias = T.CreateTruncating(0.1);
        _lambda = T.CreateTruncating(0.01);
    }

    [Benchmark(Baseline = true)]
    public T Looped() => LoopedLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, out _);

    [Benchmark]
    public T Vectorized() => VectorizedLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, _scratch, out _);

    [Benchmark]
    public T Fused() => FusedLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, out _);

    [Benchmark]
    public T Parallel1() => ParallelLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, out _, 1);

    [Benchmark]
    public T Parallel2() => ParallelLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, out _, 2);

    [Benchmark]
    public T ParallelAll() => ParallelLossGradient.Compute(X, _y, default, _w, _bias, _lambda, _dw, out _, Environment.ProcessorCount);

    /// <summary>The fused pass over a column-major copy of X, the layout the trainer uses for narrow rows.</summary>
    [Benchmark]
    public T FusedColumnMajor() => LossGradientPass.Run(_columnMajor!, _y, default, _w, _bias, _lambda, _dw, out _, SimdWidths.Widest, threads: 1);

    /// <summary>The read-only line: a four-accumulator sum at the widest width, as fast as X can be read.</summary>
    [Benchmark]
    public T ReadOnlyPass() => ReadOnlySum.Compute<T>(_x);

    [Benchmark]
    public T TensorPrimitivesSum() => TensorPrimitives.Sum<T>(_x);
}

/// <summary>Adds the GB/s and ns/row columns.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(ThroughputColumn.GigabytesPerSecond, ThroughputColumn.NanosecondsPerRow);
}
