using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The instruction-set widths a kernel can run at; tests run every one, accelerated or not.</summary>
internal enum SimdWidth
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

internal static class SimdWidths
{
    /// <summary>Every width, narrowest first, whether or not this machine accelerates it.</summary>
    public static IReadOnlyList<SimdWidth> All { get; } = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];

    /// <summary>The widest accelerated width: what the public entry points run.</summary>
    public static SimdWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>The number of <typeparamref name="T"/> lanes of <paramref name="width"/>.</summary>
    public static int LaneCount<T>(SimdWidth width) => width switch
    {
        SimdWidth.Vector128 => Vector128<T>.Count,
        SimdWidth.Vector256 => Vector256<T>.Count,
        SimdWidth.Vector512 => Vector512<T>.Count,
        _ => 1,
    };
}
