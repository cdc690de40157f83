using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// The fused pass over one chunk of rows at one instruction-set width. Block by block it computes
/// the logits of the block, then sigma, the loss and the weighted residuals over the block, then adds
/// the block's rows into the gradient while they are still in cache.
/// </summary>
/// <remarks>
/// Four rows share each load of w (logits) and each load and store of the gradient (update). A
/// column count that is not a multiple of the lane count ends with one overlapping vector whose
/// already-counted lanes are masked to zero; the caller picks a width no wider than the row.
/// </remarks>
internal static unsafe class FusedChunkKernel<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Writes the chunk's partial sums to <paramref name="partial"/> (see <see cref="KernelInput{T}.PartialLength"/>).
    /// <paramref name="logits"/> holds a block of rows, <paramref name="gradient"/> n elements.
    /// </summary>
    public static void Accumulate(in KernelInput<T> input, LossGradientLayout layout, int rowStart, int rowCount, T* logits, T* gradient, Span<double> partial)
    {
        int n = input.Columns;
        nint stride = input.Stride;
        TVec tailMask = TSimd.LastLanesMask(n % TSimd.Count);
        new Span<T>(gradient, n).Clear();

        TVec lossSum = TSimd.Zero, residualSum = TSimd.Zero, weightSum = TSimd.Zero;
        T lossTail = T.Zero, residualTail = T.Zero, weightTail = T.Zero;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            T* x = input.X + (blockStart * stride);
            ComputeLogits(x, stride, rows, n, input.Weights, input.Bias, logits, tailMask);
            T* weights = input.SampleWeights == null ? null : input.SampleWeights + blockStart;
            ComputeResiduals(logits, input.Y + blockStart, weights, rows, ref lossSum, ref residualSum, ref weightSum, ref lossTail, ref residualTail, ref weightTail);
            AccumulateGradient(x, stride, rows, n, logits, gradient, tailMask);
        }

        for (int j = 0; j < n; j++)
        {
            partial[j] = double.CreateTruncating(gradient[j]);
        }

        partial[n] = double.CreateTruncating(TSimd.Sum(lossSum) + lossTail);
        partial[n + 1] = double.CreateTruncating(TSimd.Sum(residualSum) + residualTail);
        partial[n + 2] = input.SampleWeights == null ? rowCount : double.CreateTruncating(TSimd.Sum(weightSum) + weightTail);
    }

    private static void ComputeLogits(T* x, nint stride, int rows, int n, T* w, T bias, T* z, TVec tailMask)
    {
        nuint count = (nuint)TSimd.Count;
        nuint columns = (nuint)n;
        nuint fullEnd = columns - (columns % count);
        bool hasTail = fullEnd != columns;
        nuint tailStart = columns - count;
        ref T wRef = ref Unsafe.AsRef<T>(w);

        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref T x0 = ref Unsafe.AsRef<T>(x + (r * stride));
            ref T x1 = ref Unsafe.Add(ref x0, stride);
            ref T x2 = ref Unsafe.Add(ref x1, stride);
            ref T x3 = ref Unsafe.Add(ref x2, stride);
            TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
            for (nuint j = 0; j < fullEnd; j += count)
            {
                TVec wv = TSimd.Load(in wRef, j);
                a0 = TSimd.MultiplyAdd(TSimd.Load(in x0, j), wv, a0);
                a1 = TSimd.MultiplyAdd(TSimd.Load(in x1, j), wv, a1);
                a2 = TSimd.MultiplyAdd(TSimd.Load(in x2, j), wv, a2);
                a3 = TSimd.MultiplyAdd(TSimd.Load(in x3, j), wv, a3);
            }

            if (hasTail)
            {
                // The product is masked, not w: an infinite weight times a zeroed x would be NaN.
                TVec wv = TSimd.Load(in wRef, tailStart);
                a0 = TSimd.Add(a0, TSimd.And(TSimd.Multiply(TSimd.Load(in x0, tailStart), wv), tailMask));
                a1 = TSimd.Add(a1, TSimd.And(TSimd.Multiply(TSimd.Load(in x1, tailStart), wv), tailMask));
                a2 = TSimd.Add(a2, TSimd.And(TSimd.Multiply(TSimd.Load(in x2, tailStart), wv), tailMask));
                a3 = TSimd.Add(a3, TSimd.And(TSimd.Multiply(TSimd.Load(in x3, tailStart), wv), tailMask));
            }

            TSimd.Sum4(a0, a1, a2, a3, bias, ref z[r]);
        }

        for (; r < rows; r++)
        {
            ref T x0 = ref Unsafe.AsRef<T>(x + (r * stride));
            TVec a0 = TSimd.Zero;
            for (nuint j = 0; j < fullEnd; j += count)
            {
                a0 = TSimd.MultiplyAdd(TSimd.Load(in x0, j), TSimd.Load(in wRef, j), a0);
            }

            if (hasTail)
            {
                a0 = TSimd.Add(a0, TSimd.And(TSimd.Multiply(TSimd.Load(in x0, tailStart), TSimd.Load(in wRef, tailStart)), tailMask));
            }

            z[r] = TSimd.Sum(a0) + bias;
        }
    }

    // Turns each logit into its weighted residual s (sigma(z) - y), in place, and sums s*loss, s*residual and s.
    internal static void ComputeResiduals(
        T* z,
        T* y,
        T* sampleWeights,
        int rows,
        ref TVec lossSum,
        ref TVec residualSum,
        ref TVec weightSum,
        ref T lossTail,
        ref T residualTail,
        ref T weightTail)
    {
        ref T zRef = ref Unsafe.AsRef<T>(z);
        ref T yRef = ref Unsafe.AsRef<T>(y);
        nuint count = (nuint)TSimd.Count;
        nuint length = (nuint)rows;
        nuint k = 0;
        if (sampleWeights == null)
        {
            for (; k + count <= length; k += count)
            {
                TVec yv = TSimd.Load(in yRef, k);
                TVec dz = VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(TSimd.Load(in zRef, k), yv, out TVec loss);
                lossSum = TSimd.Add(lossSum, loss);
                residualSum = TSimd.Add(residualSum, dz);
                TSimd.Store(dz, ref zRef, k);
            }

            for (; k < length; k++)
            {
                T yk = y[k];
                T dz = VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(z[k], yk, out T loss);
                lossTail += loss;
                residualTail += dz;
                z[k] = dz;
            }

            return;
        }

        ref T sRef = ref Unsafe.AsRef<T>(sampleWeights);
        for (; k + count <= length; k += count)
        {
            TVec yv = TSimd.Load(in yRef, k);
            TVec sv = TSimd.Load(in sRef, k);
            TVec dz = TSimd.Multiply(sv, VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(TSimd.Load(in zRef, k), yv, out TVec loss));
            lossSum = TSimd.MultiplyAdd(sv, loss, lossSum);
            residualSum = TSimd.Add(residualSum, dz);
            weightSum = TSimd.Add(weightSum, sv);
            TSimd.Store(dz, ref zRef, k);
        }

        for (; k < length; k++)
        {
            T yk = y[k];
            T sk = sampleWeights[k];
            T dz = sk * VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(z[k], yk, out T loss);
            lossTail = T.MultiplyAddEstimate(sk, loss, lossTail);
            residualTail += dz;
            weightTail += sk;
            z[k] = dz;
        }
    }

    private static void AccumulateGradient(T* x, nint stride, int rows, int n, T* dz, T* gradient, TVec tailMask)
    {
        nuint count = (nuint)TSimd.Count;
        nuint columns = (nuint)n;
        nuint fullEnd = columns - (columns % count);
        bool hasTail = fullEnd != columns;
        nuint tailStart = columns - count;
        ref T gRef = ref Unsafe.AsRef<T>(gradient);
        if (fullEnd == count && !hasTail)
        {
            AccumulateGradientOneVector(x, stride, rows, dz, gradient);
            return;
        }

        // While this block's rows are summed from L1, ask for the rows two blocks ahead into L2, so that
        // memory keeps streaming during the compute phases (one block ahead arrives too late out of cache;
        // measured on Zen 4). Prefetches never fault past the end of X.
        byte* prefetch = (byte*)(x + (2 * rows * stride));
        nint prefetchPerGroup = 4 * stride * sizeof(T);

        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            prefetch = PrefetchIntoL2(prefetch, prefetchPerGroup);

            ref T x0 = ref Unsafe.AsRef<T>(x + (r * stride));
            ref T x1 = ref Unsafe.Add(ref x0, stride);
            ref T x2 = ref Unsafe.Add(ref x1, stride);
            ref T x3 = ref Unsafe.Add(ref x2, stride);
            TVec d0 = TSimd.Broadcast(dz[r]), d1 = TSimd.Broadcast(dz[r + 1]), d2 = TSimd.Broadcast(dz[r + 2]), d3 = TSimd.Broadcast(dz[r + 3]);
            for (nuint j = 0; j < fullEnd; j += count)
            {
                // Two independent pairs, then one add into g: the chain through g (load, add, store) is one
                // add long, which matters when a row is only a vector or two wide.
                TVec p01 = TSimd.MultiplyAdd(d1, TSimd.Load(in x1, j), TSimd.Multiply(d0, TSimd.Load(in x0, j)));
                TVec p23 = TSimd.MultiplyAdd(d3, TSimd.Load(in x3, j), TSimd.Multiply(d2, TSimd.Load(in x2, j)));
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, j), TSimd.Add(p01, p23)), ref gRef, j);
            }

            if (hasTail)
            {
                TVec c = TSimd.Multiply(d0, TSimd.Load(in x0, tailStart));
                c = TSimd.MultiplyAdd(d1, TSimd.Load(in x1, tailStart), c);
                c = TSimd.MultiplyAdd(d2, TSimd.Load(in x2, tailStart), c);
                c = TSimd.MultiplyAdd(d3, TSimd.Load(in x3, tailStart), c);
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, tailStart), TSimd.And(c, tailMask)), ref gRef, tailStart);
            }
        }

        for (; r < rows; r++)
        {
            ref T x0 = ref Unsafe.AsRef<T>(x + (r * stride));
            TVec d0 = TSimd.Broadcast(dz[r]);
            for (nuint j = 0; j < fullEnd; j += count)
            {
                TSimd.Store(TSimd.MultiplyAdd(d0, TSimd.Load(in x0, j), TSimd.Load(in gRef, j)), ref gRef, j);
            }

            if (hasTail)
            {
                TVec c = TSimd.Multiply(d0, TSimd.Load(in x0, tailStart));
                TSimd.Store(TSimd.Add(TSimd.Load(in gRef, tailStart), TSimd.And(c, tailMask)), ref gRef, tailStart);
            }
        }
    }

    // A row of exactly one vector: the block's sum stays in four registers (one per row of a group), so
    // no group waits on the previous group's store of the gradient.
    private static void AccumulateGradientOneVector(T* x, nint stride, int rows, T* dz, T* gradient)
    {
        ref T gRef = ref Unsafe.AsRef<T>(gradient);
        byte* prefetch = (byte*)(x + (2 * rows * stride));
        nint prefetchPerGroup = 4 * stride * sizeof(T);
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            prefetch = PrefetchIntoL2(prefetch, prefetchPerGroup);

            ref T x0 = ref Unsafe.AsRef<T>(x + (r * stride));
            a0 = TSimd.MultiplyAdd(TSimd.Broadcast(dz[r]), TSimd.Load(in x0, 0), a0);
            a1 = TSimd.MultiplyAdd(TSimd.Broadcast(dz[r + 1]), TSimd.Load(in Unsafe.Add(ref x0, stride), 0), a1);
            a2 = TSimd.MultiplyAdd(TSimd.Broadcast(dz[r + 2]), TSimd.Load(in Unsafe.Add(ref x0, 2 * stride), 0), a2);
            a3 = TSimd.MultiplyAdd(TSimd.Broadcast(dz[r + 3]), TSimd.Load(in Unsafe.Add(ref x0, 3 * stride), 0), a3);
        }

        for (; r < rows; r++)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Broadcast(dz[r]), TSimd.Load(in Unsafe.AsRef<T>(x + (r * stride)), 0), a0);
        }

        TVec sum = TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3));
        TSimd.Store(TSimd.Add(TSimd.Load(in gRef, 0), sum), ref gRef, 0);
    }

    // Asks for the next bytes of X two blocks ahead into L2; returns the cursor past them.
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
