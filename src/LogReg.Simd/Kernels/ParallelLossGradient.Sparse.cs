using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Kernels.Sparse;

namespace LogReg.Simd.Kernels;

/// <summary>The parallel pass over a CSR X.</summary>
public static partial class ParallelLossGradient
{
    /// <summary>Computes the objective J and its gradient over a CSR X on several threads.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, compressed sparse rows.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0, not all zero), or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="weightGradient">Receives dJ/dw (n elements); must not overlap any input.</param>
    /// <param name="biasGradient">Receives dJ/db.</param>
    /// <param name="maxDegreeOfParallelism">
    /// The most threads to use, or -1 (the default) for automatic: all cores when the matrix stores at least
    /// <see cref="AutomaticParallelThreshold"/> entries, else one. The result does not depend on it.
    /// </param>
    /// <returns>The objective J.</returns>
    /// <exception cref="ArgumentException">A length does not match, n = 0 while m &gt; 0, the sample weights are all zero, or <paramref name="weightGradient"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> or a sample weight is negative, NaN or infinite, or <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <remarks>
    /// <para>
    /// Up to 262,144 columns, the chunks of 4096 rows form fixed groups (at most 64, fewer when their dense partial
    /// gradients would pass 16 MB); the threads take whole groups, each summing into its group's partial, and the
    /// partials are added in group order. Wider data runs in two phases: the residuals of all rows (chunks taken by
    /// whichever thread is free), then the gradient, with the columns split into one range per thread and each range's
    /// entries added in row order. Either way every gradient element receives the same additions in the same order
    /// as in the fused pass, and the loss sums are added in chunk order: J, dJ/dw and dJ/db are bit-identical to
    /// <see cref="FusedLossGradient"/>'s sparse overload for any thread count.
    /// </para>
    /// <para>
    /// Memory from <see cref="System.Buffers.ArrayPool{T}.Shared"/>, whatever the thread count: n + 3 doubles of sums,
    /// plus the group partials (at most 16 MB) up to 262,144 columns, or m residuals beyond; never a gradient per
    /// thread. The wide form's second phase reads the entries again, so it moves about twice the bytes of the fused
    /// pass.
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
        out T biasGradient,
        int maxDegreeOfParallelism = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ThrowHelper.ThrowIfInvalidDegreeOfParallelism(maxDegreeOfParallelism);

        int threads = ResolveThreadCount(maxDegreeOfParallelism, x.NonZeroCount, 1);
        LossGradientArguments.Validate(x, y, sampleWeights, weights, lambda, weightGradient);
        return SparsePass.Run(x, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdWidths.Widest, threads);
    }
}
