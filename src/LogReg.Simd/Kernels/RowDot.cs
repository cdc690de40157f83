using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The dot product of a row with the weights, for prediction (and of a column with the residuals, in the
/// column-major training kernel): the widest vector that fits the row, four accumulators, and an overlapped,
/// masked last vector instead of a scalar tail (scalar steps only below one vector). Single-row and batch
/// scoring both run it, so a row's logit is the same bits either way.
/// </summary>
/// <remarks>
/// <c>TensorPrimitives.Dot</c> is built for long spans; at tens of features its setup costs as much as
/// the arithmetic. Four independent accumulators keep the multiply-adds from waiting on each other's
/// latency at a thousand features. The caller checks the lengths and picks the width once
/// (<see cref="SimdDispatch.Fit{T}"/> for the row length).
/// </remarks>
internal static class RowDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Compute<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var action = new DotAction<T>(x, w);
        SimdDispatch.Run<T, DotAction<T>>(width, ref action);
        return action.Result;
    }

    /// <summary>Computes z_i = x_i . w + b for every row of <paramref name="x"/>; the caller checks the shapes.</summary>
    public static void ComputeRows<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> w, T bias, Span<T> logits, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var action = new RowsAction<T>(x, w, bias, logits);
        SimdDispatch.Run<T, RowsAction<T>>(width, ref action);
    }

    /// <summary>
    /// sum x[j] w[j] over <paramref name="n"/> elements: four accumulators, then one overlapped last vector whose lanes
    /// already counted are masked off, or scalar steps when <paramref name="n"/> is below one vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Dot<TSimd, TVec, T>(ref readonly T xRef, ref readonly T wRef, nuint n)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nuint count = (nuint)TSimd.Count;
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        nuint j = 0;
        for (; j + (4 * count) <= n; j += 4 * count)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j), TSimd.Load(in wRef, j), a0);
            a1 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j + count), TSimd.Load(in wRef, j + count), a1);
            a2 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j + (2 * count)), TSimd.Load(in wRef, j + (2 * count)), a2);
            a3 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j + (3 * count)), TSimd.Load(in wRef, j + (3 * count)), a3);
        }

        for (; j + count <= n; j += count)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j), TSimd.Load(in wRef, j), a0);
        }

        if (j < n && n >= count)
        {
            nuint tail = n - count;
            TVec product = TSimd.Multiply(TSimd.Load(in xRef, tail), TSimd.Load(in wRef, tail));
            a1 = TSimd.Add(a1, TSimd.And(product, VectorMath<TSimd, TVec, T>.LastLanesMask((int)(n - j))));
            j = n;
        }

        T sum = TSimd.Sum(TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)));
        for (; j < n; j++)
        {
            sum = T.MultiplyAddEstimate(Unsafe.Add(ref Unsafe.AsRef(in xRef), j), Unsafe.Add(ref Unsafe.AsRef(in wRef), j), sum);
        }

        return sum;
    }

    private ref struct DotAction<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _x = x;
        private readonly ReadOnlySpan<T> _w = w;

        public T Result { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged => Result = Dot<TSimd, TVec, T>(in MemoryMarshal.GetReference(_x), in MemoryMarshal.GetReference(_w), (nuint)_x.Length);
    }

    private readonly ref struct RowsAction<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> w, T bias, Span<T> logits) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlyMatrixSpan<T> _x = x;
        private readonly ReadOnlySpan<T> _w = w;
        private readonly Span<T> _logits = logits;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged
        {
            for (int i = 0; i < _x.Rows; i++)
            {
                _logits[i] = Dot<TSimd, TVec, T>(in MemoryMarshal.GetReference(_x.GetRow(i)), in MemoryMarshal.GetReference(_w), (nuint)_w.Length) + bias;
            }
        }
    }
}
