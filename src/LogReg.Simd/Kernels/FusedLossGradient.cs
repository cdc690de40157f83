using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// Form 3 of the loss-and-gradient pass: one fused pass over X in cache-sized row blocks, with
/// multi-row register blocking and explicit Vector512/256/128 paths picked at run time.
/// </summary>
/// <remarks>
/// <para>Computes the function of <see cref="Reference.LoopedLossGradient"/>:</para>
/// <code>
/// J     = (1/S) sum_i s_i [max(z_i,0) - y_i z_i + log1p(e^-|z_i|)] + (lambda/2) ||w||^2,  z_i = w . x_i + b
/// dJ/dw = (1/S) sum_i s_i (sigma(z_i) - y_i) x_i + lambda w
/// dJ/db = (1/S) sum_i s_i (sigma(z_i) - y_i)
/// </code>
/// <para>
/// X is read once: each block's rows are still in L1/L2 when their residuals are added into the
/// gradient. Rows accumulate in <c>T</c> within chunks of at most a few thousand rows; chunk sums
/// are combined in double in chunk order, so float results stay within 1e-4 of double ones at
/// a million rows. The result is bit-identical to <see cref="ParallelLossGradient"/> at any
/// thread count on the same machine.
/// </para>
/// <para>
/// Contract: the arguments are checked once, before any work. The data itself is not: NaN in X,
/// y, w or b propagates to the results (the trainer validates data). No call allocates once the
/// shared array pool is warm.
/// </para>
/// </remarks>
public static partial class FusedLossGradient
{
    /// <summary>Computes the objective J and its gradient in one fused pass on the calling thread.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0, not all zero), or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="weightGradient">Receives dJ/dw (n elements); must not overlap any input.</param>
    /// <param name="biasGradient">Receives dJ/db.</param>
    /// <returns>The objective J.</returns>
    /// <exception cref="ArgumentException">A length does not match, n = 0 while m &gt; 0, the sample weights are all zero, or <paramref name="weightGradient"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> or a sample weight is negative, NaN or infinite.</exception>
    public static T Compute<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        out T biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossGradientArguments.Validate(x, y, sampleWeights, weights, lambda, weightGradient);
        return LossGradientPass.Run(x, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdWidths.Widest, threads: 1);
    }
}
