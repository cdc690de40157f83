using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// The objective J(theta) and its gradient for the solvers, with theta = [w..., b] in double and
/// the data in <typeparamref name="T"/>: theta is narrowed into preallocated buffers and handed to
/// <see cref="ParallelLossGradient"/>, and its gradient widened back.
/// </summary>
/// <remarks>
/// When the bias is not fitted it stays 0 and its gradient component is reported as 0, so it never
/// moves and never counts in the stopping test. Narrow data (at most two vectors of the widest width of
/// features) is copied once, at the first full pass, into column-major order, where the pass vectorizes across
/// rows instead of paying a horizontal sum per row; a fit reads X tens of times, so the copy pays for itself.
/// The copy is skipped past 1 GiB. Full passes and mini-batch passes (row-major) then sum in different
/// orders, so they agree to rounding, not bit for bit.
/// The data are dense or sparse (CSR); every pass dispatches on which, so the objective is written once.
/// </remarks>
internal ref partial struct LossFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ReadOnlyMatrixSpan<T> _x;
    private readonly ReadOnlyCsrMatrixSpan<T> _sparse;
    private readonly bool _isSparse;
    private readonly ReadOnlySpan<T> _y;
    private readonly ReadOnlySpan<T> _sampleWeights;
    private readonly T[] _weights;
    private readonly T[] _weightGradient;
    private readonly T _lambda;
    private readonly double _doubleLambda;
    private readonly bool _fitIntercept;
    private readonly int _maxDegreeOfParallelism;
    // The copy doubles X's memory; past this size the row-major pass runs instead.
    private const long MaxColumnMajorBytes = 1L << 30;

    private ColumnMajorMatrix<T>? _columnMajor;

    // The Newton solver's buffers (LossFunction.SecondOrder.cs); fields of a partial struct live in one part.
    private SecondOrderState? _secondOrder;

    public LossFunction(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, double lambda, bool fitIntercept, int maxDegreeOfParallelism)
    {
        _x = x;
        _y = y;
        _sampleWeights = sampleWeights;
        _weights = new T[x.Columns];
        _weightGradient = new T[x.Columns];
        _lambda = T.CreateTruncating(lambda);
        _doubleLambda = lambda;
        _fitIntercept = fitIntercept;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>The objective over CSR data; otherwise as the dense constructor.</summary>
    public LossFunction(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, double lambda, bool fitIntercept, int maxDegreeOfParallelism)
        : this(default(ReadOnlyMatrixSpan<T>), y, sampleWeights, lambda, fitIntercept, maxDegreeOfParallelism)
    {
        _sparse = x;
        _isSparse = true;
        _weights = new T[x.Columns];
        _weightGradient = new T[x.Columns];
    }

    /// <summary>Gets the rows m.</summary>
    public readonly int Rows => _isSparse ? _sparse.Rows : _x.Rows;

    /// <summary>Gets the features n; theta has n + 1 elements.</summary>
    public readonly int Features => _isSparse ? _sparse.Columns : _x.Columns;

    /// <summary>Gets a value indicating whether the data are sparse (<see cref="Sparse"/>) rather than dense (<see cref="X"/>).</summary>
    public readonly bool IsSparse => _isSparse;

    /// <summary>Gets the examples when they are sparse.</summary>
    public readonly ReadOnlyCsrMatrixSpan<T> Sparse => _sparse;

    /// <summary>Gets the examples.</summary>
    public readonly ReadOnlyMatrixSpan<T> X => _x;

    /// <summary>Gets the labels.</summary>
    public readonly ReadOnlySpan<T> Y => _y;

    /// <summary>Gets the effective sample weights, or empty for all ones.</summary>
    public readonly ReadOnlySpan<T> SampleWeights => _sampleWeights;

    /// <summary>Gets a value indicating whether the bias is fitted.</summary>
    public readonly bool FitIntercept => _fitIntercept;

    /// <summary>Gets the loss-and-gradient passes made so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Gets a value indicating whether full passes run over a column-major copy of X.</summary>
    public readonly bool UsesColumnMajor => !_isSparse && IsNarrow(_x.Columns) && (long)_x.Rows * _x.Columns * Unsafe.SizeOf<T>() <= MaxColumnMajorBytes;

    /// <summary>J(theta) over all the data; writes dJ/dtheta into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (_isSparse)
        {
            return EvaluateOn(_sparse, _y, _sampleWeights, theta, gradient);
        }

        if (!UsesColumnMajor)
        {
            return EvaluateOn(_x, _y, _sampleWeights, theta, gradient);
        }

        _columnMajor ??= ColumnMajorMatrix<T>.FromRows(_x);
        T bias = SetWeights(theta);
        int threads = ParallelLossGradient.ResolveThreadCount(_maxDegreeOfParallelism, _x.Rows, _x.Columns);
        T loss = LossGradientPass.Run(_columnMajor, _y, _sampleWeights, _weights, bias, _lambda, _weightGradient, out T biasGradient, SimdWidths.Widest, threads);
        return Finish(loss, biasGradient, gradient);
    }

    /// <summary>The same J over a subset of rows (a mini-batch), with the same lambda.</summary>
    public double EvaluateOn(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        T bias = SetWeights(theta);
        T loss = ParallelLossGradient.Compute(x, y, sampleWeights, _weights, bias, _lambda, _weightGradient, out T biasGradient, _maxDegreeOfParallelism);
        return Finish(loss, biasGradient, gradient);
    }

    /// <summary>The same J over sparse rows (all of them, or a mini-batch), with the same lambda.</summary>
    public double EvaluateOn(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        T bias = SetWeights(theta);
        T loss = ParallelLossGradient.Compute(x, y, sampleWeights, _weights, bias, _lambda, _weightGradient, out T biasGradient, _maxDegreeOfParallelism);
        return Finish(loss, biasGradient, gradient);
    }

    // Rows of at most two vectors of the widest width: the row-major pass pays a horizontal sum per row there
    // (measured on Xeon: 200000x7 50% of the read-only pass against 14%, 1000000x16 double 73% against 55%).
    private static bool IsNarrow(int columns) => columns <= 2 * SimdWidths.LaneCount<T>(SimdWidths.Widest);

    // Narrows theta into the weight buffer; returns the bias.
    private readonly T SetWeights(ReadOnlySpan<double> theta)
    {
        int n = _weights.Length;
        for (int j = 0; j < n; j++)
        {
            _weights[j] = T.CreateTruncating(theta[j]);
        }

        return _fitIntercept ? T.CreateTruncating(theta[n]) : T.Zero;
    }

    // Widens the pass's gradient into theta's gradient and counts the pass.
    private double Finish(T loss, T biasGradient, Span<double> gradient)
    {
        Evaluations++;
        int n = _weights.Length;
        for (int j = 0; j < n; j++)
        {
            gradient[j] = double.CreateTruncating(_weightGradient[j]);
        }

        gradient[n] = _fitIntercept ? double.CreateTruncating(biasGradient) : 0.0;
        return double.CreateTruncating(loss);
    }

    /// <summary>max |g_k|, the stopping measure.</summary>
    public static double MaxAbs(ReadOnlySpan<double> gradient) => Math.Abs(TensorPrimitives.MaxMagnitude(gradient));
}
