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
            T* columns = x + (j * columnStride);
            int group = Math.Min(4, n - j);
            nuint vectorEnd = SweepColumns<TSimd, TVec>(columns, columnStride, group, w + j, j == 0, bias, z, 0, (nuint)rows);
            SweepColumns<SimdScalar<T>, T>(columns, columnStride, group, w + j, j == 0, bias, z, vectorEnd, (nuint)rows);
        }
    }

    // Adds up to four columns into z over the whole vectors of one width from row i on; returns where they end. The rows
    // past the last whole vector run the same operations a lane at a time.
    private static nuint SweepColumns<TLanes, TLaneVec>(T* c0, nint columnStride, int group, T* w, bool first, T bias, T* z, nuint i, nuint length)
        where TLanes : ISimd<TLaneVec, T>
        where TLaneVec : unmanaged
    {
        // A missing column's reference stays on the first, so no reference points past X; the switch never reads it.
        ref T x0 = ref Unsafe.AsRef<T>(c0);
        ref T x1 = ref Unsafe.Add(ref x0, group > 1 ? columnStride : 0);
        ref T x2 = ref Unsafe.Add(ref x0, group > 2 ? 2 * columnStride : 0);
        ref T x3 = ref Unsafe.Add(ref x0, group > 3 ? 3 * columnStride : 0);
        TLaneVec w0 = TLanes.Broadcast(w[0]);
        TLaneVec w1 = group > 1 ? TLanes.Broadcast(w[1]) : TLanes.Zero;
        TLaneVec w2 = group > 2 ? TLanes.Broadcast(w[2]) : TLanes.Zero;
        TLaneVec w3 = group > 3 ? TLanes.Broadcast(w[3]) : TLanes.Zero;
        ref T zRef = ref Unsafe.AsRef<T>(z);
        for (nuint count = (nuint)TLanes.Count; i + count <= length; i += count)
        {
            TLaneVec acc = first ? TLanes.Broadcast(bias) : TLanes.Load(in zRef, i);
            acc = TLanes.MultiplyAdd(TLanes.Load(in x0, i), w0, acc);
            switch (group)
            {
                case 4:
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x1, i), w1, acc);
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x2, i), w2, acc);
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x3, i), w3, acc);
                    break;
                case 3:
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x1, i), w1, acc);
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x2, i), w2, acc);
                    break;
                case 2:
                    acc = TLanes.MultiplyAdd(TLanes.Load(in x1, i), w1, acc);
                    break;
            }

            TLanes.Store(acc, ref zRef, i);
        }

        return i;
    }
}
