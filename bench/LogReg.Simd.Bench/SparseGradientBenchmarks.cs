using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Sparse;
using LogReg.Simd.Kernels.Simd;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LogReg.Simd.Bench;

/// <summary>A sparse problem shape: rows, columns and stored entries per row, named "100000x47000@75".</summary>
public sealed record SparseShape(int Rows, int Columns, int PerRow)
{
    public override string ToString() => $"{Rows}x{Columns}@{PerRow}";
}

/// <summary>
/// One sparse loss-and-gradient pass in each form (the looped oracle as the baseline), the fused pass at the scalar
/// width (no gathers) and at 256 bits beside the widest, the parallel pass at 1, 2 and all threads, and the read-only
/// line: one pass summing the values and the column indices. GB/s counts values + indices.
/// </summary>
/// <remarks>
/// Rows hold about <see cref="SparseShape.PerRow"/> entries (uniform from half to one and a half times), their columns
/// drawn from a power law (frequency of column rank r proportional to 1/r), as in text data.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class SparseGradientBenchmarks<T> : IThroughput
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private CsrMatrix<T>? _x;
    private T[] _y = [];
    private T[] _w = [];
    private T[] _dw = [];
    private T[] _scratch = [];
    private T _bias;
    private T _lambda;

    public static IEnumerable<SparseShape> Shapes => Smoke.Pick(
        [new(2_000, 5_000, 30), new(100_000, 47_000, 75), new(20_000, 1_350_000, 450)],
        new SparseShape(2_000, 5_000, 30));

    [ParamsSource(nameof(Shapes))]
    public SparseShape Shape { get; set; } = new(2_000, 5_000, 30);

    public long BytesPerOperation => (long)(_x?.NonZeroCount ?? (long)Shape.Rows * Shape.PerRow) * (sizeof(int) + Unsafe.SizeOf<T>());

    public long RowsPerOperation => Shape.Rows;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Generate(Shape, random);
        int n = Shape.Columns;
        _w = new T[n];
        for (int j = 0; j < n; j++)
        {
            _w[j] = T.CreateTruncating((random.NextDouble() - 0.5) * 0.2);
        }

        _y = new T[Shape.Rows];
        for (int i = 0; i < _y.Length; i++)
        {
            _y[i] = T.CreateTruncating(random.Next(2));
        }

        _dw = new T[n];
        _scratch = new T[VectorizedLossGradient.GetScratchLength(Shape.Rows)];
        _bias = T.CreateTruncating(0.1);
        _lambda = T.CreateTruncating(0.01);
    }

    /// <summary>Rows of PerRow/2 to 3 PerRow/2 distinct columns drawn with probability proportional to 1/(rank + 1), values U(0, 1).</summary>
    public static CsrMatrix<T> Generate(SparseShape shape, Random random)
    {
        int n = shape.Columns;
        double harmonic = Math.Log(n) + 0.5772;
        var offsets = new int[shape.Rows + 1];
        var indices = new List<int>(shape.Rows * shape.PerRow);
        var values = new List<T>(shape.Rows * shape.PerRow);
        var row = new SortedSet<int>();
        for (int i = 0; i < shape.Rows; i++)
        {
            int count = Math.Min(n, (shape.PerRow / 2) + random.Next(shape.PerRow + 1));
            row.Clear();
            while (row.Count < count)
            {
                // Inverse of the continuous 1/r law on [1, n]: r = exp(u * H), rank r - 1.
                int column = Math.Min(n - 1, (int)Math.Exp(random.NextDouble() * harmonic) - 1);
                row.Add(column);
            }

            foreach (int column in row)
            {
                indices.Add(column);
                values.Add(T.CreateTruncating(random.NextDouble()));
            }

            offsets[i + 1] = indices.Count;
        }

        return new CsrMatrix<T>(offsets, [.. indices], [.. values], n);
    }

    [Benchmark(Baseline = true)]
    public T Looped() => LoopedLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _);

    [Benchmark]
    public T Vectorized() => VectorizedLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, _scratch, out _);

    [Benchmark]
    public T Fused() => FusedLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _);

    /// <summary>The fused pass at the scalar width: scalar logits, no gathers.</summary>
    [Benchmark]
    public T FusedScalar() => SparsePass.Run(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _, SimdWidth.Scalar, threads: 1);

    [Benchmark]
    public T Fused256() => SparsePass.Run(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _, SimdWidth.Vector256, threads: 1);

    [Benchmark]
    public T Parallel1() => ParallelLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _, 1);

    [Benchmark]
    public T Parallel2() => ParallelLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _, 2);

    [Benchmark]
    public T ParallelAll() => ParallelLossGradient.Compute(_x!.Span, _y, default, _w, _bias, _lambda, _dw, out _, Environment.ProcessorCount);

    /// <summary>The read-only line: the values summed at the widest width, then the indices.</summary>
    [Benchmark]
    public T ReadOnlyPass() => ReadOnlySum.Compute(_x!.Span.Values) + T.CreateTruncating(TensorPrimitives.Sum(_x.Span.ColumnIndices));
}
