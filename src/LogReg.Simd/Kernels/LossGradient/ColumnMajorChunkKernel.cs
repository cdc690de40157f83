using System.Numerics;
using System.Runtime.CompilerServices;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// The fused pass over one chunk of a column-major X, vectorized across rows: narrow rows (a few features)
/// pay no per-row horizontal sums and no per-row broadcasts.
/// </summary>
/// <remarks>
/// The logits of the chunk are built column by column in a small buffer (z += w_j x_j, four columns per sweep;
/// rows past the last whole vector run the same operations one lane at a time, so a row's logit does not depend on
/// its position in the chunk), the residuals replace them in place, and each gradient component is the dot product
/// of its column slice with the residuals (<see cref="RowDot.Dot{TSimd, TVec, T}"/>) while the slice is still in L1.
/// </remarks>
internal static unsafe class ColumnMajorChunkKernel<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Writes the partial sums of rows [<paramref name="rowStart"/>, + <paramref name="rowCount"/>) to <paramref name="partial"/>:
    /// column j of those rows is at <paramref name="x"/> + j <paramref name="columnStride"/>; <paramref name="z"/> holds
    /// <paramref name="rowCount"/> elements.
    /// </summary>
    public static void Accumulate(in KernelInput<T> input, T* x, nint columnStride, int rowStart, int rowCount, T* z, Span<double> partial)
    {
        int n = input.Columns;
        ComputeLogits(x, columnStride, rowCount, n, input.Weights, input.Bias, z);

        var sums = default(ResidualSums<TSimd, TVec, T>);
        sums.Accumulate(z, input.Y + rowStart, input.SampleWeights == null ? null : input.SampleWeights + rowStart, rowCount);

        for (int j = 0; j < n; j++)
        {
            partial[j] = double.CreateTruncating(RowDot.Dot<TSimd, TVec, T>(in Unsafe.AsRef<T>(x + (j * columnStride)), in Unsafe.AsRef<T>(z), (nuint)rowCount));
        }

        sums.WriteTo(partial, n);
    }

    // z = b + w_0 x_0 + w_1 x_1 + ..., added in column order; four columns per sweep over z.
    private static void ComputeLogits(T* x, nint columnStride, int rows, int n, T* w, T bias, T* z)
    {
        for (int j = 0; j < n; j += 4)
        {
            int group = Math.Min(4, n - j);
            T* c0 = x + (j * columnStride);
            T* c1 = c0 + columnStride;
            T* c2 = c1 + columnStride;
            T* c3 = c2 + columnStride;
            TVec w0 = TSimd.Broadcast(w[j]);
            TVec w1 = group > 1 ? TSimd.Broadcast(w[j + 1]) : TSimd.Zero;
            TVec w2 = group > 2 ? TSimd.Broadcast(w[j + 2]) : TSimd.Zero;
            TVec w3 = group > 3 ? TSimd.Broadcast(w[j + 3]) : TSimd.Zero;
            bool first = j == 0;
            nuint count = (nuint)TSimd.Count;
            nuint length = (nuint)rows;
            nuint i = 0;
            ref T zRef = ref Unsafe.AsRef<T>(z);
            for (; i + count <= length; i += count)
            {
                TVec acc = first ? TSimd.Broadcast(bias) : TSimd.Load(in zRef, i);
                acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c0), i), w0, acc);
                switch (group)
                {
                    case 4:
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c1), i), w1, acc);
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c2), i), w2, acc);
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c3), i), w3, acc);
                        break;
                    case 3:
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c1), i), w1, acc);
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c2), i), w2, acc);
                        break;
                    case 2:
                        acc = TSimd.MultiplyAdd(TSimd.Load(in Unsafe.AsRef<T>(c1), i), w1, acc);
                        break;
                }

                TSimd.Store(acc, ref zRef, i);
            }

            for (; i < length; i++)
            {
                T acc = first ? bias : z[i];
                acc = T.MultiplyAddEstimate(c0[i], w[j], acc);
                for (int k = 1; k < group; k++)
                {
                    acc = T.MultiplyAddEstimate((c0 + (k * columnStride))[i], w[j + k], acc);
                }

                z[i] = acc;
            }
        }
    }
}
