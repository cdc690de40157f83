using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.HessianVector;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The Hessian-vector product H v of the objective J in one fused pass over X, on one thread or several:
/// the function of <see cref="Reference.LoopedHessianVector"/>.
/// </summary>
/// <remarks>
/// <para>
/// X is read once per product, in the row blocks and chunks of the fused loss-and-gradient pass: the block's
/// products x_i . v + v_b, then D_i times them, then their sum over the block's rows into H v while the rows are
/// in cache. Arithmetic is double whether X is float or double (float lanes are widened as they are loaded), so
/// a solver that keeps its state in double sees a double-precision product over float data.
/// </para>
/// <para>
/// Chunk sizes depend only on n and the element type, and group sums are added in group order, so the result
/// is bit-identical for every thread count. A call allocates nothing once the shared array pool is warm.
/// </para>
/// </remarks>
public static class ParallelHessianVector
{
    /// <summary>Computes H v = X~^T D X~ v / S + lambda [v_w, 0] (X~ = [X, 1]).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the storage of X.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="curvature">The m values D_i = s_i sigma_i (1 - sigma_i) (see <see cref="Reference.LoopedHessianVector.ComputeCurvature{T}"/>).</param>
    /// <param name="totalWeight">S, the sum of the sample weights (m without them); finite and &gt; 0.</param>
    /// <param name="direction">v_w, n elements.</param>
    /// <param name="directionBias">v_b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="product">Receives the first n components of H v; must not overlap an input.</param>
    /// <param name="productBias">Receives the bias component of H v.</param>
    /// <param name="maxDegreeOfParallelism">
    /// The most threads, or -1 (the default) for automatic, as <see cref="ParallelLossGradient.ResolveThreadCount"/>.
    /// The result does not depend on it.
    /// </param>
    /// <exception cref="ArgumentException">A length does not match, or <paramref name="product"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalWeight"/>, <paramref name="lambda"/> or <paramref name="maxDegreeOfParallelism"/> is out of range.</exception>
    public static void Compute<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<double> curvature,
        double totalWeight,
        ReadOnlySpan<double> direction,
        double directionBias,
        double lambda,
        Span<double> product,
        out double productBias,
        int maxDegreeOfParallelism = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ThrowHelper.ThrowIfInvalidDegreeOfParallelism(maxDegreeOfParallelism);

        int threads = ParallelLossGradient.ResolveThreadCount(maxDegreeOfParallelism, x.Rows, x.Columns);
        productBias = Compute(x, curvature, totalWeight, direction, directionBias, lambda, product, threads, SimdWidths.Widest);
    }

    /// <summary>The product at a given width and thread count (tests cover every width with it); returns the bias component.</summary>
    internal static unsafe double Compute<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<double> curvature,
        double totalWeight,
        ReadOnlySpan<double> direction,
        double directionBias,
        double lambda,
        Span<double> product,
        int threads,
        SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        HessianVectorArguments.Validate(x, curvature, totalWeight, direction, lambda, product);
        int n = x.Columns;
        fixed (T* xPtr = x.Span)
        fixed (double* dPtr = curvature)
        fixed (double* vPtr = direction)
        {
            var input = new SecondOrderInput<T>(xPtr, x.Rows, n, x.RowStride, null, null, vPtr, directionBias, dPtr);
            return SecondOrderPass.HessianVector(input, totalWeight, lambda, product, width, threads);
        }
    }
}
