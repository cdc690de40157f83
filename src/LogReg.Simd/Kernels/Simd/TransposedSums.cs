using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>
/// Four 128-bit partial sums reduced together: with horizontal adds, three instructions give all four
/// float sums (four for double), instead of a separate shuffle-and-add tree per row.
/// </summary>
internal static class TransposedSums
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store4<T>(Vector128<T> s0, Vector128<T> s1, Vector128<T> s2, Vector128<T> s3, T addend, ref T destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Sse3.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                var h01 = Sse3.HorizontalAdd(s0.AsSingle(), s1.AsSingle());
                var h23 = Sse3.HorizontalAdd(s2.AsSingle(), s3.AsSingle());
                var sums = Sse3.HorizontalAdd(h01, h23).As<float, T>() + Vector128.Create(addend);
                sums.StoreUnsafe(ref destination);
                return;
            }

            var d01 = Sse3.HorizontalAdd(s0.AsDouble(), s1.AsDouble()).As<double, T>() + Vector128.Create(addend);
            var d23 = Sse3.HorizontalAdd(s2.AsDouble(), s3.AsDouble()).As<double, T>() + Vector128.Create(addend);
            d01.StoreUnsafe(ref destination);
            d23.StoreUnsafe(ref destination, 2);
            return;
        }

        Store4Portable(s0, s1, s2, s3, addend, ref destination);
    }

    /// <summary>The same sums in the same order as the horizontal adds, for CPUs without SSE3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store4Portable<T>(Vector128<T> s0, Vector128<T> s1, Vector128<T> s2, Vector128<T> s3, T addend, ref T destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        destination = PairwiseSum(s0) + addend;
        Unsafe.Add(ref destination, 1) = PairwiseSum(s1) + addend;
        Unsafe.Add(ref destination, 2) = PairwiseSum(s2) + addend;
        Unsafe.Add(ref destination, 3) = PairwiseSum(s3) + addend;
    }

    // (s[0] + s[1]) + (s[2] + s[3]) for four lanes, s[0] + s[1] for two: the order of HorizontalAdd.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T PairwiseSum<T>(Vector128<T> s)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Vector128<T>.Count == 4 ? (s[0] + s[1]) + (s[2] + s[3]) : s[0] + s[1];
}
