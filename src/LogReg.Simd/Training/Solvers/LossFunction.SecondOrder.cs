using System.Runtime.InteropServices;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.HessianVector;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// The second-order half of the objective for the Newton solver: J and its gradient with the curvature
/// D = s sigma (1 - sigma) stored on the way, then Hessian-vector products and the dense Hessian at that point.
/// </summary>
/// <remarks>
/// Mixed precision: X stays in <typeparamref name="T"/> (float data keeps its memory), but w, the sums, J, the
/// gradient and D are double; float lanes are widened as they are loaded. A float fit with this path therefore
/// reaches the optimum of the float data to double precision, where the first-order path, which rounds w to float
/// at every pass, stops an ulp of w away.
/// </remarks>
internal ref partial struct LossFunction<T>
{
    /// <summary>Gets the Hessian-vector products made so far.</summary>
    public readonly int HessianVectorProducts => _secondOrder?.HessianVectorProducts ?? 0;

    /// <summary>Gets the dense Hessians built so far.</summary>
    public readonly int Hessians => _secondOrder?.Hessians ?? 0;

    /// <summary>
    /// J(theta) and dJ/dtheta in double over X as stored, and D at theta into a pending buffer that
    /// <see cref="AcceptCurvature"/> makes current.
    /// </summary>
    public unsafe double EvaluateWithCurvature(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        SecondOrderState state = _secondOrder ??= new SecondOrderState(Rows, _y, _sampleWeights);
        int n = Features;
        double bias = _fitIntercept ? theta[n] : 0.0;
        double loss;
        if (_isSparse)
        {
            loss = EvaluateSparseWithCurvature(theta[..n], bias, gradient);
        }
        else
        {
            fixed (T* x = _x.Span)
            fixed (double* w = theta)
            fixed (double* y = state.Labels(_y))
            fixed (double* s = state.Weights(_sampleWeights))
            fixed (double* d = state.PendingCurvature)
            {
                var input = new SecondOrderInput<T>(x, _x.Rows, n, _x.RowStride, y, _sampleWeights.IsEmpty ? null : s, w, bias, d);
                loss = SecondOrderPass.Gradient(input, _doubleLambda, gradient, out double totalWeight, SimdWidths.Widest, Threads);
                state.TotalWeight = totalWeight;
            }
        }

        Evaluations++;
        if (!_fitIntercept)
        {
            gradient[n] = 0.0;
        }

        return loss;
    }

    /// <summary>Makes the curvature of the last <see cref="EvaluateWithCurvature"/> the one the products use.</summary>
    public readonly void AcceptCurvature() => _secondOrder!.Accept();

    /// <summary>hv = H v at the accepted point (n + 1 elements each; the bias components are 0 when the bias is not fitted).</summary>
    public readonly unsafe void HessianVector(ReadOnlySpan<double> v, Span<double> hv)
    {
        SecondOrderState state = _secondOrder!;
        int n = Features;
        if (_isSparse)
        {
            double biasComponent = SparseHessianVector(v, hv);
            hv[n] = _fitIntercept ? biasComponent : 0.0;
        }
        else
        {
            fixed (T* x = _x.Span)
            fixed (double* vPtr = v)
            fixed (double* d = state.Curvature)
            {
                var input = new SecondOrderInput<T>(x, _x.Rows, n, _x.RowStride, null, null, vPtr, _fitIntercept ? v[n] : 0.0, d);
                double biasComponent = SecondOrderPass.HessianVector(input, state.TotalWeight, _doubleLambda, hv[..n], SimdWidths.Widest, Threads);
                hv[n] = _fitIntercept ? biasComponent : 0.0;
            }
        }

        state.HessianVectorProducts++;
    }

    /// <summary>
    /// The (n + 1) x (n + 1) Hessian at the accepted point, row-major, in one pass over X; without a fitted bias its
    /// last row and column are those of the identity, so a solve leaves the bias step at 0.
    /// </summary>
    public readonly unsafe void Hessian(Span<double> hessian)
    {
        SecondOrderState state = _secondOrder!;
        int n = Features;
        if (_isSparse)
        {
            SparseHessian(hessian);
        }
        else
        {
            fixed (T* x = _x.Span)
            fixed (double* d = state.Curvature)
            {
                var input = new SecondOrderInput<T>(x, _x.Rows, n, _x.RowStride, null, null, null, 0.0, d);
                SecondOrderPass.Hessian(input, state.TotalWeight, _doubleLambda, hessian, SimdWidths.Widest, Threads);
            }
        }

        if (!_fitIntercept)
        {
            hessian.Slice(n * (n + 1), n + 1).Clear();
            for (int j = 0; j < n; j++)
            {
                hessian[(j * (n + 1)) + n] = 0.0;
            }

            hessian[(n * (n + 1)) + n] = 1.0;
        }

        state.Hessians++;
    }

    private readonly int Threads => ParallelLossGradient.ResolveThreadCount(_maxDegreeOfParallelism, _x.Rows, _x.Columns);

    // The buffers of the second-order passes, made at the first one: D twice (current and pending), and the labels
    // and sample weights in double when the data is float.
    private sealed class SecondOrderState(int rows, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights)
    {
        private readonly double[]? _labels = typeof(T) == typeof(double) ? null : Widen(y);
        private readonly double[]? _weights = typeof(T) == typeof(double) || sampleWeights.IsEmpty ? null : Widen(sampleWeights);
        private double[] _curvature = new double[rows];
        private double[] _pending = new double[rows];

        public double TotalWeight { get; set; }

        public int HessianVectorProducts { get; set; }

        public int Hessians { get; set; }

        public ReadOnlySpan<double> Curvature => _curvature;

        public Span<double> PendingCurvature => _pending;

        public ReadOnlySpan<double> Labels(ReadOnlySpan<T> y) => _labels ?? MemoryMarshal.Cast<T, double>(y);

        public ReadOnlySpan<double> Weights(ReadOnlySpan<T> sampleWeights) => _weights ?? MemoryMarshal.Cast<T, double>(sampleWeights);

        public void Accept() => (_curvature, _pending) = (_pending, _curvature);

        private static double[] Widen(ReadOnlySpan<T> values)
        {
            var wide = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                wide[i] = double.CreateTruncating(values[i]);
            }

            return wide;
        }
    }
}
