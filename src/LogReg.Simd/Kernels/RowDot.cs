using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The dot product of one row with the weights, for single-row prediction: the widest vector that
/// fits the row, two accumulators, and an overlapped, masked last vector instead of a scalar tail.
/// </summary>
/// <remarks>
/// <c>TensorPrimitives.Dot</c> is built for long spans; at tens of features its setup costs as much as
/// the arithmetic. The caller checks the lengths.
/// </remarks>
internal static class RowDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Compute<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Length;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            return Core<Simd512<T>, Vector512<T>, T>(x, w);
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            return Core<Simd256<T>, Vector256<T>, T>(x, w);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            return Core<Simd128<T>, Vector128<T>, T>(x, w);
        }

        return Core<SimdScalar<T>, T, T>(x, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Core<TSimd, TVec, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T wRef = ref MemoryMarshal.GetReference(w);
        nuint n = (nuint)x.Length;
        nuint count = (nuint)TSimd.Count;
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero;
        nuint j = 0;
        for (; j + (2 * count) <= n; j += 2 * count)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j), TSimd.Load(in wRef, j), a0);
            a1 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j + count), TSimd.Load(in wRef, j + count), a1);
        }

        if (j + count <= n)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in xRef, j), TSimd.Load(in wRef, j), a0);
            j += count;
        }

        if (j < n)
        {
            nuint tail = n - count;
            TVec product = TSimd.Multiply(TSimd.Load(in xRef, tail), TSimd.Load(in wRef, tail));
            a1 = TSimd.Add(a1, TSimd.And(product, TSimd.LastLanesMask((int)(n - j))));
        }

        return TSimd.Sum(TSimd.Add(a0, a1));
    }
}
