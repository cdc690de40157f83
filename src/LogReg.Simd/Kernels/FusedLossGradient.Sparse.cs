using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Kernels.Sparse;

namespace LogReg.Simd.Kernels;

/// <summary>The fused pass over a CSR X.</summary>
public static partial class FusedLossGradient
{
    /// <summary>Computes the objective J and its gradient in one fused pass over a CSR X, on the calling thread.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, compressed sparse rows.</param>
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
    /// <remarks>
    /// <para>
    /// The entries are read once, in blocks of 64 rows: the logits with w gathered at the rows' column indices
    /// (AVX2/AVX-512 gathers where the CPU has them), the residuals and the loss over the block with the dense pass's
    /// lane math, then each residual times each value added into a dense double gradient while the block is in cache.
    /// </para>
    /// <para>
    /// The gradient sums in double in row order (up to 262,144 columns within fixed groups of rows, whose sums are then
    /// added in group order), the loss sums in <typeparamref name="T"/> within chunks of 4096 rows and in double across
    /// them; the result is bit-identical to <see cref="ParallelLossGradient"/>'s sparse overload at any thread count.
    /// Besides its inputs the pass uses at most 2n + 3 doubles from <see cref="System.Buffers.ArrayPool{T}.Shared"/>;
    /// no call allocates once the pool is warm. The data contract is that of the dense overload.
    /// </para>
    /// </remarks>
    public static T Compute<T>(
        ReadOnlyCsrMatrixSpan<T> x,
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
        return SparsePass.Run(x, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdWidths.Widest, threads: 1);
    }
}
