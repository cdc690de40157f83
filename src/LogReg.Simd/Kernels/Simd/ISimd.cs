using System.Numerics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>
/// One instruction-set width for the kernels: the operations they need on a vector of
/// <typeparamref name="T"/>. Implemented by <see cref="Simd512{T}"/>, <see cref="Simd256{T}"/>,
/// <see cref="Simd128{T}"/> and <see cref="SimdScalar{T}"/>.
/// </summary>
/// <remarks>
/// Kernels are written once against this interface and closed over a struct, so the JIT
/// specializes and inlines each width; every width can then run on one machine in tests.
/// </remarks>
internal interface ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets a value indicating whether the hardware accelerates this width.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Gets the number of lanes.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Broadcast(T value);

    static abstract TVec Load(ref readonly T source, nuint elementOffset);

    static abstract void Store(TVec value, ref T destination, nuint elementOffset);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    /// <summary>
    /// Computes <c>left * right + addend</c>: fused (one rounding) where the CPU has FMA, else a multiply
    /// and an add. An emulated fused multiply-add costs about 70x (measured with DOTNET_EnableAVX2=0).
    /// </summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    /// <summary>A mask whose last <paramref name="count"/> lanes are set, for overlapped tails.</summary>
    static abstract TVec LastLanesMask(int count);

    static abstract TVec And(TVec value, TVec mask);

    /// <summary>Sums the lanes in a fixed order.</summary>
    static abstract T Sum(TVec value);

    /// <summary>Writes the lane sums of four vectors, each plus <paramref name="addend"/>, to four consecutive elements.</summary>
    static abstract void Sum4(TVec a0, TVec a1, TVec a2, TVec a3, T addend, ref T destination);

    /// <summary>The stable sigmoid of each lane; see <see cref="LogisticFunctions.Sigmoid{T}(T)"/>.</summary>
    static abstract TVec Sigmoid(TVec z);

    /// <summary>
    /// The residual sigma(z) - y and the log-loss of each lane, sharing one exponential; computed in double, so a
    /// float lane is within 1 ulp. See <see cref="LogisticFunctions.Residual{T}(T, T)"/>.
    /// </summary>
    static abstract TVec ResidualAndLogLoss(TVec z, TVec y, out TVec loss);

    /// <summary>
    /// As <see cref="ResidualAndLogLoss"/>, in the lane type itself: float lanes run at full width, within a few
    /// float ulps. The fused pass uses it, since its float sums carry that error anyway.
    /// </summary>
    static abstract TVec ResidualAndLogLossInLaneType(TVec z, TVec y, out TVec loss);
}
