using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// The objective J(theta) and its gradient for the solvers, with theta = [w..., b] in double and
/// the data in <typeparamref name="T"/>: theta is narrowed into preallocated buffers and handed to
/// <see cref="ParallelLossGradient"/>, and its gradient widened back.
/// </summary>
/// <remarks>
/// When the bias is not fitted it stays 0 and its gradient component is reported as 0, so it never
/// moves and never counts in the stopping test.
/// </remarks>
internal ref struct LossFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ReadOnlyMatrixSpan<T> _x;
    private readonly ReadOnlySpan<T> _y;
    private readonly ReadOnlySpan<T> _sampleWeights;
    private readonly T[] _weights;
    private readonly T[] _weightGradient;
    private readonly T _lambda;
    private readonly bool _fitIntercept;
    private readonly int _maxDegreeOfParallelism;

    public LossFunction(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, double lambda, bool fitIntercept, int maxDegreeOfParallelism)
    {
        _x = x;
        _y = y;
        _sampleWeights = sampleWeights;
        _weights = new T[x.Columns];
        _weightGradient = new T[x.Columns];
        _lambda = T.CreateTruncating(lambda);
        _fitIntercept = fitIntercept;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Gets the rows m.</summary>
    public readonly int Rows => _x.Rows;

    /// <summary>Gets the features n; theta has n + 1 elements.</summary>
    public readonly int Features => _x.Columns;

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

    /// <summary>J(theta) over all the data; writes dJ/dtheta into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient) =>
        EvaluateOn(_x, _y, _sampleWeights, theta, gradient);

    /// <summary>The same J over a subset of rows (a mini-batch), with the same lambda.</summary>
    public double EvaluateOn(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = _weights.Length;
        for (int j = 0; j < n; j++)
        {
            _weights[j] = T.CreateTruncating(theta[j]);
        }

        T bias = _fitIntercept ? T.CreateTruncating(theta[n]) : T.Zero;
        T loss = ParallelLossGradient.Compute(x, y, sampleWeights, _weights, bias, _lambda, _weightGradient, out T biasGradient, _maxDegreeOfParallelism);
        Evaluations++;
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
