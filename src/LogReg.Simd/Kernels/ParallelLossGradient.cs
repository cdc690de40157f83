using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// Form 4 of the loss-and-gradient pass: the fused pass of <see cref="FusedLossGradient"/> over
/// fixed-size row chunks on several threads, reduced in chunk order.
/// </summary>
/// <remarks>
/// <para>
/// Chunk sizes depend only on the column count and element type; consecutive chunks form at most 64
/// groups, each group's partial sums are its chunks' sums added in chunk order by whichever thread runs
/// it, and the groups are added in group order after the workers finish. J, dJ/dw and dJ/db are
/// therefore bit-identical for 1, 2, 3 ... N threads, and equal to <see cref="FusedLossGradient"/>'s.
/// </para>
/// <para>
/// Memory and threads: the work runs on long-lived worker threads (started on first use, one per core
/// but the caller's); the group partial sums (at most 64 rows of n + 3 doubles, plus the totals and a row per thread) and the workers' scratch come
/// from <see cref="System.Buffers.ArrayPool{T}.Shared"/> and the stack, so a call allocates nothing.
/// The argument and data contracts are those of <see cref="FusedLossGradient"/>.
/// </para>
/// </remarks>
public static partial class ParallelLossGradient
{
    /// <summary>
    /// The smallest number of X elements (m x n) for which the automatic thread count uses more than
    /// one thread: below it, starting workers costs more than they save.
    /// </summary>
    /// <remarks>
    /// Measured on the project's 2-core Zen 4 (float, 2 threads against 1, best of 15 runs): n = 100 gains
    /// 1.09x at 2^17 elements, 1.35x at 2^18 and 1.61x at 2^20; n = 16 loses up to 2^18 (0.66x to 0.80x)
    /// and breaks even at 2^20. 2^19 sits between.
    /// </remarks>
    public const long AutomaticParallelThreshold = 1L << 19;

    /// <summary>Computes the objective J and its gradient in one fused pass on several threads.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0, not all zero), or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="weightGradient">Receives dJ/dw (n elements); must not overlap any input.</param>
    /// <param name="biasGradient">Receives dJ/db.</param>
    /// <param name="maxDegreeOfParallelism">
    /// The most threads to use, or -1 (the default) for automatic: all cores
    /// (<see cref="Environment.ProcessorCount"/>) when m x n is at least <see cref="AutomaticParallelThreshold"/>, else one.
    /// The result does not depend on it.
    /// </param>
    /// <returns>The objective J.</returns>
    /// <exception cref="ArgumentException">A length does not match, n = 0 while m &gt; 0, the sample weights are all zero, or <paramref name="weightGradient"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> or a sample weight is negative, NaN or infinite, or <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static T Compute<T>(
        ReadOnlyMatrixSpan<T> x,
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

        int threads = ResolveThreadCount(maxDegreeOfParallelism, x.Rows, x.Columns);
        LossGradientArguments.Validate(x, y, sampleWeights, weights, lambda, weightGradient);
        return LossGradientPass.Run(x, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdWidths.Widest, threads);
    }

    /// <summary>The thread count that <paramref name="maxDegreeOfParallelism"/> means for an m x n pass.</summary>
    /// <param name="maxDegreeOfParallelism">-1 for automatic, else the thread count.</param>
    /// <param name="rows">m.</param>
    /// <param name="columns">n.</param>
    /// <returns>The number of threads the pass will use at most.</returns>
    public static int ResolveThreadCount(int maxDegreeOfParallelism, int rows, int columns)
    {
        if (maxDegreeOfParallelism > 0)
        {
            return maxDegreeOfParallelism;
        }

        return (long)rows * columns >= AutomaticParallelThreshold ? Environment.ProcessorCount : 1;
    }
}
