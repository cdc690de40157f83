using System.Numerics;
using System.Runtime.CompilerServices;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.Sparse;

/// <summary>
/// The sparse pass over one chunk of rows at one width: block by block, the logits (w gathered at each row's
/// column indices), then sigma, the loss and the weighted residuals over the block with the dense pass's lane
/// math, then (in the serial pass) the residual times each value scattered into the dense double gradient.
/// </summary>
internal static unsafe class SparseChunkKernel<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Computes the chunk's weighted residuals into <paramref name="residuals"/> (one per row of the chunk; in the
    /// serial pass a block-sized buffer reused per block) and its sums of s*loss, s*residual and s into
    /// <paramref name="sums"/>; scatters into <paramref name="gradient"/> when it is not null.
    /// </summary>
    public static void Accumulate(in SparseKernelInput<T> input, int rowStart, int rowCount, T* residuals, bool residualsPerBlock, double* gradient, Span<double> sums)
    {
        T* buffer = stackalloc T[TSimd.Count];
        TVec lossSum = TSimd.Zero, residualSum = TSimd.Zero, weightSum = TSimd.Zero;
        T lossTail = T.Zero, residualTail = T.Zero, weightTail = T.Zero;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += SparseLayout.BlockRows)
        {
            int rows = Math.Min(SparseLayout.BlockRows, rowEnd - blockStart);
            T* z = residualsPerBlock ? residuals : residuals + (blockStart - rowStart);
            for (int r = 0; r < rows; r++)
            {
                z[r] = Logit(input, blockStart + r, buffer);
            }

            T* weights = input.SampleWeights == null ? null : input.SampleWeights + blockStart;
            FusedChunkKernel<TSimd, TVec, T>.ComputeResiduals(z, input.Y + blockStart, weights, rows, ref lossSum, ref residualSum, ref weightSum, ref lossTail, ref residualTail, ref weightTail);
            if (gradient != null)
            {
                for (int r = 0; r < rows; r++)
                {
                    Scatter(input, blockStart + r, z[r], gradient);
                }
            }
        }

        sums[0] = double.CreateTruncating(TSimd.Sum(lossSum) + lossTail);
        sums[1] = double.CreateTruncating(TSimd.Sum(residualSum) + residualTail);
        sums[2] = input.SampleWeights == null ? rowCount : double.CreateTruncating(TSimd.Sum(weightSum) + weightTail);
    }

    /// <summary>g[j] += dz * x_ij for the row's stored entries, in double (a float product is exact there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(in SparseKernelInput<T> input, int row, T residual, double* gradient)
    {
        double dz = double.CreateTruncating(residual);
        int* indices = input.ColumnIndices;
        T* values = input.Values;
        int end = input.RowOffsets[row + 1];
        for (int k = input.RowOffsets[row]; k < end; k++)
        {
            gradient[indices[k]] += dz * double.CreateTruncating(values[k]);
        }
    }

    // w . x_i + b over the row's stored entries: whole vectors with gathers (1.2x to 1.5x faster than scalar loads out of
    // cache on the Xeon, see bench/results/intel-xeon/sparse.md), then the last entries with scalar loads.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Logit(in SparseKernelInput<T> input, int row, T* buffer)
    {
        int start = input.RowOffsets[row];
        int length = input.RowOffsets[row + 1] - start;
        int* indices = input.ColumnIndices + start;
        T* values = input.Values + start;
        T* w = input.Weights;
        int k = 0;
        T sum = T.Zero;
        if (TSimd.Count > 1)
        {
            TVec acc = TSimd.Zero;
            for (; k + TSimd.Count <= length; k += TSimd.Count)
            {
                acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(values), (nuint)k), SparseGather<TSimd, TVec, T>.Load(w, indices + k, buffer), acc);
            }

            sum = TSimd.Sum(acc);
        }

        // The rest (all of a row at the scalar width) in four independent sums, so the adds do not wait on each other.
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        for (; k + 4 <= length; k += 4)
        {
            s0 += w[indices[k]] * values[k];
            s1 += w[indices[k + 1]] * values[k + 1];
            s2 += w[indices[k + 2]] * values[k + 2];
            s3 += w[indices[k + 3]] * values[k + 3];
        }

        for (; k < length; k++)
        {
            s0 += w[indices[k]] * values[k];
        }

        return sum + ((s0 + s1) + (s2 + s3)) + input.Bias;
    }
}
