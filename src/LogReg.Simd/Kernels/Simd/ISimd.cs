using System.Numerics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>
/// One instruction-set width for the kernels: the primitive operations they need on a vector of
/// <typeparamref name="T"/>. Implemented by <see cref="Simd512{T}"/>, <see cref="Simd256{T}"/>,
/// <see cref="Simd128{T}"/> and <see cref="SimdScalar{T}"/>.
/// </summary>
/// <remarks>
/// Kernels and <see cref="VectorMath{TSimd, TVec, T}"/> are written once against this interface and closed
/// over a struct, so the JIT specializes and inlines each width; every width can then run on one machine in
/// tests. A comparison returns a mask: all bits set in a lane where it holds, zero elsewhere.
/// </remarks>
internal interface ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the number of lanes.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Broadcast(T value);

    static abstract TVec Load(ref readonly T source, nuint elementOffset);

    static abstract void Store(TVec value, ref T destination, nuint elementOffset);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Divide(TVec left, TVec right);

    static abstract TVec Abs(TVec value);

    /// <summary>
    /// Computes <c>left * right + addend</c>: fused (one rounding) where the CPU has FMA, else a multiply
    /// and an add. An emulated fused multiply-add costs about 70x (measured with DOTNET_EnableAVX2=0).
    /// </summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec CompareEqual(TVec left, TVec right);

    static abstract TVec CompareGreaterThan(TVec left, TVec right);

    static abstract TVec CompareGreaterThanOrEqual(TVec left, TVec right);

    /// <summary>Takes <paramref name="whenTrue"/> in the lanes where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TVec ConditionalSelect(TVec mask, TVec whenTrue, TVec whenFalse);

    /// <summary>The bitwise and of each lane with a mask.</summary>
    static abstract TVec And(TVec value, TVec mask);

    /// <summary>
    /// Computes <c>p * 2^n</c>, where n is the integer that adding <paramref name="roundingShift"/> (1.5 times
    /// 2 to the number of mantissa bits) left in the low bits of <paramref name="shifted"/>. 2^n is applied as
    /// two normal factors, so a result in the subnormal range rounds once.
    /// </summary>
    static abstract TVec ScaleByPowerOfTwo(TVec p, TVec shifted, T roundingShift);

    /// <summary>Sums the lanes in a fixed order.</summary>
    static abstract T Sum(TVec value);

    /// <summary>Writes the lane sums of four vectors, each plus <paramref name="addend"/>, to four consecutive elements.</summary>
    static abstract void Sum4(TVec a0, TVec a1, TVec a2, TVec a3, T addend, ref T destination);
}
