using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    /// <paramref name="partialSums"/>; scatters into <paramref name="gradient"/> when it is not null.
    /// </summary>
    public static void Accumulate(in SparseKernelInput<T> input, int rowStart, int rowCount, T* residuals, bool residualsPerBlock, double* gradient, Span<double> partialSums)
    {
        T* buffer = stackalloc T[TSimd.Count];
        var sums = default(ResidualSums<TSimd, TVec, T>);
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
            sums.Accumulate(z, input.Y + blockStart, weights, rows);
            if (gradient != null)
            {
                for (int r = 0; r < rows; r++)
                {
                    Scatter(input, blockStart + r, z[r], gradient);
                }
            }
        }

        sums.WriteTo(partialSums, 0);
    }

    /// <summary>g[j] += dz * x_ij for the row's stored entries, in double (a float product is exact there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(in SparseKernelInput<T> input, int row, T residual, double* gradient) =>
        ScatterRange(input.ColumnIndices, input.Values, input.RowOffsets[row], input.RowOffsets[row + 1], double.CreateTruncating(residual), gradient);

    /// <summary>
    /// g[indices[k]] += dz * values[k] for k in [start, end), whose indices are distinct: four entries at a time, the
    /// four gradient elements loaded before any is stored, so the loads need not wait on the stores (2.4x faster than
    /// one entry at a time out of L1 on the Xeon, see bench/results/intel-xeon/sparse.md). Each element still receives
    /// one addition, so the sums are those of the plain loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScatterRange(int* indices, T* values, int start, int end, double dz, double* gradient)
    {
        int k = start;
        if (typeof(T) == typeof(float) && Vector128.IsHardwareAccelerated)
        {
            // Four floats widened in one instruction: a scalar float-to-double conversion writes half a register
            // and waits on its previous value, which chains the iterations.
            Vector128<double> dzv = Vector128.Create(dz);
            for (; k + 4 <= end; k += 4)
            {
                (Vector128<double> low, Vector128<double> high) = Vector128.Widen(Vector128.Load((float*)values + k));
                low *= dzv;
                high *= dzv;
                int j0 = indices[k], j1 = indices[k + 1], j2 = indices[k + 2], j3 = indices[k + 3];
                double g0 = gradient[j0] + low.ToScalar();
                double g1 = gradient[j1] + low.GetElement(1);
                double g2 = gradient[j2] + high.ToScalar();
                double g3 = gradient[j3] + high.GetElement(1);
                gradient[j0] = g0;
                gradient[j1] = g1;
                gradient[j2] = g2;
                gradient[j3] = g3;
            }
        }

        for (; k + 4 <= end; k += 4)
        {
            int j0 = indices[k], j1 = indices[k + 1], j2 = indices[k + 2], j3 = indices[k + 3];
            double g0 = gradient[j0] + (dz * double.CreateTruncating(values[k]));
            double g1 = gradient[j1] + (dz * double.CreateTruncating(values[k + 1]));
            double g2 = gradient[j2] + (dz * double.CreateTruncating(values[k + 2]));
            double g3 = gradient[j3] + (dz * double.CreateTruncating(values[k + 3]));
            gradient[j0] = g0;
            gradient[j1] = g1;
            gradient[j2] = g2;
            gradient[j3] = g3;
        }

        for (; k < end; k++)
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
