using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// The two sweeps over a block of row-major rows that every dense pass is made of: the row products
/// z_r = x_r . v + c, and the transposed update g += sum_r c_r x_r. The loss-and-gradient pass runs them with
/// v = w and c = the residuals; the Hessian-vector pass with v = the direction and c = D (X v).
/// </summary>
/// <remarks>
/// Four rows share each load of v (products) and each load and store of g (update). A column count that is not
/// a multiple of the lane count ends with one overlapping vector whose already-counted lanes are masked to
/// zero; the caller picks a width no wider than the row. X is stored as <c>TData</c>: <typeparamref name="T"/>, or
/// float widened to double lanes as it is loaded (<see cref="WidenedLoad{TSimd, TVec, T}"/>).
/// </remarks>
internal static unsafe class RowBlockProducts<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int MaxPrefetchedRowBytes = 2048;

    /// <summary>z[r] = x_r . v + bias for the <paramref name="rows"/> rows at <paramref name="x"/>.</summary>
    public static void Products<TData>(TData* x, nint stride, int rows, int n, T* v, T bias, T* z, TVec tailMask)
        where TData : unmanaged
    {
        nuint count = (nuint)TSimd.Count;
        nuint columns = (nuint)n;
        nuint fullEnd = columns - (columns % count);
        bool hasTail = fullEnd != columns;
        nuint tailStart = columns - count;
        ref T vRef = ref Unsafe.AsRef<T>(v);

        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref TData x0 = ref Unsafe.AsRef<TData>(x + (r * stride));
            ref TData x1 = ref Unsafe.Add(ref x0, stride);
            ref TData x2 = ref Unsafe.Add(ref x1, stride);
            ref TData x3 = ref Unsafe.Add(ref x2, stride);
            TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
            for (nuint j = 0; j < fullEnd; j += count)
            {
                TVec vv = TSimd.Load(in vRef, j);
                a0 = TSimd.MultiplyAdd(Load(in x0, j), vv, a0);
                a1 = TSimd.MultiplyAdd(Load(in x1, j), vv, a1);
                a2 = TSimd.MultiplyAdd(Load(in x2, j), vv, a2);
                a3 = TSimd.MultiplyAdd(Load(in x3, j), vv, a3);
            }

            if (hasTail)
            {
                // The product is masked, not v: an infinite weight times a zeroed x would be NaN.
                TVec vv = TSimd.Load(in vRef, tailStart);
                a0 = TSimd.Add(a0, TSimd.And(TSimd.Multiply(Load(in x0, tailStart), vv), tailMask));
                a1 = TSimd.Add(a1, TSimd.And(TSimd.Multiply(Load(in x1, tailStart), vv), tailMask));
                a2 = TSimd.Add(a2, TSimd.And(TSimd.Multiply(Load(in x2, tailStart), vv), tailMask));
                a3 = TSimd.Add(a3, TSimd.And(TSimd.Multiply(Load(in x3, tailStart), vv), tailMask));
            }

            TSimd.Sum4(a0, a1, a2, a3, bias, ref z[r]);
        }

        for (; r < rows; r++)
        {
            ref TData x0 = ref Unsafe.AsRef<TData>(x + (r * stride));
            TVec a0 = TSimd.Zero;
            for (nuint j = 0; j < fullEnd; j += count)
            {
                a0 = TSimd.MultiplyAdd(Load(in x0, j), TSimd.Load(in vRef, j), a0);
            }

            if (hasTail)
            {
                a0 = TSimd.Add(a0, TSimd.And(TSimd.Multiply(Load(in x0, tailStart), TSimd.Load(in vRef, tailStart)), tailMask));
            }

            z[r] = TSimd.Sum(a0) + bias;
        }
    }

    /// <summary>g += sum_r c[r] x_r over the <paramref name="rows"/> rows at <paramref name="x"/>.</summary>
    public static void AccumulateTransposed<TData>(TData* x, nint stride, int rows, int n, T* c, T* g, TVec tailMask)
        where TData : unmanaged
    {
        nuint count = (nuint)TSimd.Count;
        nuint columns = (nuint)n;
        nuint fullEnd = columns - (columns % count);
        bool hasTail = fullEnd != columns;
        nuint tailStart = columns - count;
        ref T gRef = ref Unsafe.AsRef<T>(g);
        if (fullEnd == count && !hasTail)
        {
            AccumulateTransposedOneVector(x, stride, rows, c, g);
            return;
        }

        byte* prefetch = (byte*)(x + (2 * rows * stride));
        nint prefetchPerGroup = PrefetchBytesPerGroup<TData>(stride);

        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            prefetch = PrefetchIntoL2(prefetch, prefetchPerGroup);

            ref TData x0 = ref Unsafe.AsRef<TData>(x + (r * stride));
            ref TData x1 = ref Unsafe.Add(ref x0, stride);
            ref TData x2 = ref Unsafe.Add(ref x1, stride);
            ref TData x3 = ref Unsafe.Add(ref x2, stride);
            TVec d0 = TSimd.Broadcast(c[r]), d1 = TSimd.Broadcast(c[r + 1]), d2 = TSimd.Broadcast(c[r + 2]), d3 = TSimd.Broadcast(c[r + 3]);
            for (nuint j = 0; j < fullEnd; j += count)
            {
                // Two independent pairs, then one add into g: the chain through g (load, add, store) is one
                // add long, which matters when a row is only a vector or two wide.
                TVec p01 = TSimd.MultiplyAdd(d1, Load(in x1, j), TSimd.Multiply(d0, Load(in x0, j)));
                TVec p23 = TSimd.MultiplyAdd(d3, Load(in x3, j), TSimd.Multiply(d2, Load(in x2, j)));
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, j), TSimd.Add(p01, p23)), ref gRef, j);
            }

            if (hasTail)
            {
                TVec t = TSimd.Multiply(d0, Load(in x0, tailStart));
                t = TSimd.MultiplyAdd(d1, Load(in x1, tailStart), t);
                t = TSimd.MultiplyAdd(d2, Load(in x2, tailStart), t);
                t = TSimd.MultiplyAdd(d3, Load(in x3, tailStart), t);
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, tailStart), TSimd.And(t, tailMask)), ref gRef, tailStart);
            }
        }

        for (; r < rows; r++)
        {
            ref TData x0 = ref Unsafe.AsRef<TData>(x + (r * stride));
            TVec d0 = TSimd.Broadcast(c[r]);
            for (nuint j = 0; j < fullEnd; j += count)
            {
                TSimd.Store(TSimd.MultiplyAdd(d0, Load(in x0, j), TSimd.Load(in gRef, j)), ref gRef, j);
            }

            if (hasTail)
            {
                TVec t = TSimd.Multiply(d0, Load(in x0, tailStart));
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, tailStart), TSimd.And(t, tailMask)), ref gRef, tailStart);
            }
        }
    }

    // A row of exactly one vector: the block's sum stays in four registers (one per row of a group), so
    // no group waits on the previous group's store of g.
    private static void AccumulateTransposedOneVector<TData>(TData* x, nint stride, int rows, T* c, T* g)
        where TData : unmanaged
    {
        ref T gRef = ref Unsafe.AsRef<T>(g);
        byte* prefetch = (byte*)(x + (2 * rows * stride));
        nint prefetchPerGroup = PrefetchBytesPerGroup<TData>(stride);
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            prefetch = PrefetchIntoL2(prefetch, prefetchPerGroup);

            ref TData x0 = ref Unsafe.AsRef<TData>(x + (r * stride));
            a0 = TSimd.MultiplyAdd(TSimd.Broadcast(c[r]), Load(in x0, 0), a0);
            a1 = TSimd.MultiplyAdd(TSimd.Broadcast(c[r + 1]), Load(in Unsafe.Add(ref x0, stride), 0), a1);
            a2 = TSimd.MultiplyAdd(TSimd.Broadcast(c[r + 2]), Load(in Unsafe.Add(ref x0, 2 * stride), 0), a2);
            a3 = TSimd.MultiplyAdd(TSimd.Broadcast(c[r + 3]), Load(in Unsafe.Add(ref x0, 3 * stride), 0), a3);
        }

        for (; r < rows; r++)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Broadcast(c[r]), Load(in Unsafe.AsRef<TData>(x + (r * stride)), 0), a0);
        }

        TVec sum = TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3));
        TSimd.Store(TSimd.Add(TSimd.Load(in gRef, 0), sum), ref gRef, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Load<TData>(ref readonly TData source, nuint elementOffset)
        where TData : unmanaged => WidenedLoad<TSimd, TVec, T>.Load(in source, elementOffset);

    // While a block's rows are summed from L1, the rows two blocks ahead are asked into L2, so that memory keeps
    // streaming during the compute phases (one block ahead arrives too late; measured on Zen 4). Rows longer than
    // 2 KB stream well on the hardware prefetcher alone, and there the extra loads cost up to a fifth of the pass
    // (measured on the Xeon at 1,000 and 3,000 features), so they get none.
    private static nint PrefetchBytesPerGroup<TData>(nint stride)
        where TData : unmanaged => stride * sizeof(TData) <= MaxPrefetchedRowBytes ? 4 * stride * sizeof(TData) : 0;

    // Asks for the next bytes of X two blocks ahead into L2; returns the cursor past them. Prefetches never fault past the end of X.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* PrefetchIntoL2(byte* cursor, nint bytes)
    {
        if (!Sse.IsSupported)
        {
            return cursor;
        }

        for (nint line = 0; line < bytes; line += 64)
        {
            Sse.Prefetch1(cursor + line);
        }

        return cursor + bytes;
    }
}
