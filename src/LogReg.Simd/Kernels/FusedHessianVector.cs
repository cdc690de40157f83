using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The Hessian-vector product in one fused pass on the calling thread: <see cref="ParallelHessianVector"/>
/// with one thread, whose result it equals bit for bit.
/// </summary>
public static class FusedHessianVector
{
    /// <summary>Computes H v = X~^T D X~ v / S + lambda [v_w, 0] (X~ = [X, 1]) on the calling thread.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the storage of X; the arithmetic is double.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="curvature">The m values D_i = s_i sigma_i (1 - sigma_i).</param>
    /// <param name="totalWeight">S, the sum of the sample weights (m without them); finite and &gt; 0.</param>
    /// <param name="direction">v_w, n elements.</param>
    /// <param name="directionBias">v_b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="product">Receives the first n components of H v; must not overlap an input.</param>
    /// <param name="productBias">Receives the bias component of H v.</param>
    /// <exception cref="ArgumentException">A length does not match, or <paramref name="product"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalWeight"/> or <paramref name="lambda"/> is out of range.</exception>
    public static void Compute<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<double> curvature, double totalWeight, ReadOnlySpan<double> direction, double directionBias, double lambda, Span<double> product, out double productBias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        productBias = ParallelHessianVector.Compute(x, curvature, totalWeight, direction, directionBias, lambda, product, threads: 1, SimdWidths.Widest);
}
