using System.Numerics;
using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.HessianVector;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Bench;

/// <summary>
/// One Hessian-vector product against one fused loss-and-gradient pass over the same X, on one thread: the
/// issue's target is H v at 80% of the gradient pass's throughput or better. Also the Newton solver's own
/// gradient pass (double arithmetic over X as stored, storing D) and the dense Hessian of its Cholesky form.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class HessianVectorBenchmarks<T> : IThroughput
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private T[] _x = [];
    private T[] _y = [];
    private T[] _w = [];
    private T[] _dw = [];
    private double[] _yDouble = [];
    private double[] _wDouble = [];
    private double[] _v = [];
    private double[] _hv = [];
    private double[] _gradient = [];
    private double[] _curvature = [];
    private double[] _hessian = [];

    public static IEnumerable<Shape> Shapes => Smoke.Pick(
        [new(10_000, 100), new(100_000, 100), new(1_000_000, 16), new(50_000, 1_000)],
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

        _wDouble = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 0.2).ToArray();
        _w = Array.ConvertAll(_wDouble, T.CreateTruncating);
        _v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        _yDouble = Enumerable.Range(0, m).Select(_ => (double)random.Next(2)).ToArray();
        _y = Array.ConvertAll(_yDouble, T.CreateTruncating);
        _dw = new T[n];
        _hv = new double[n];
        _gradient = new double[n + 1];
        _curvature = new double[m];
        _hessian = n <= 256 ? new double[(n + 1) * (n + 1)] : [];
        LoopedHessianVector.ComputeCurvature(X, default, _wDouble, 0.1, _curvature);
    }

    /// <summary>The fused loss-and-gradient pass in <typeparamref name="T"/>, the line H v is held to.</summary>
    [Benchmark(Baseline = true)]
    public T FusedGradient() => FusedLossGradient.Compute(X, _y, default, _w, T.CreateTruncating(0.1), T.CreateTruncating(0.01), _dw, out _);

    [Benchmark]
    public double HessianVector()
    {
        FusedHessianVector.Compute(X, _curvature, Shape.Rows, _v, 0.3, 0.01, _hv, out double bias);
        return bias;
    }

    /// <summary>The Newton solver's gradient pass: double arithmetic over X as stored, and D stored for the products.</summary>
    [Benchmark]
    public double GradientStoringCurvature() =>
        SecondOrderPass.Gradient(X, _yDouble, default, _wDouble, 0.1, 0.01, _gradient, _curvature, SimdWidths.Widest, threads: 1);

    /// <summary>The dense (n + 1) x (n + 1) Hessian of the Cholesky form (up to 256 features).</summary>
    [Benchmark]
    public double Hessian()
    {
        if (_hessian.Length == 0)
        {
            return 0;
        }

        SecondOrderPass.Hessian(X, _curvature, Shape.Rows, 0.01, _hessian, SimdWidths.Widest, threads: 1);
        return _hessian[0];
    }
}
