using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>
/// Loads one vector of <typeparamref name="T"/> lanes from data stored as <c>TData</c>: a plain
/// load when the types match, else float data widened to double lanes (the mixed-precision passes keep X in
/// float and compute in double). Every branch folds away when the JIT specializes the caller.
/// </summary>
internal static class WidenedLoad<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// The <c>TSimd.Count</c> elements at <paramref name="elementOffset"/> as lanes of <typeparamref name="T"/>.
    /// <typeparamref name="TData"/> is <typeparamref name="T"/>, or float when <typeparamref name="T"/> is double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Load<TData>(ref readonly TData source, nuint elementOffset)
        where TData : unmanaged
    {
        if (typeof(TData) == typeof(T))
        {
            return TSimd.Load(in Unsafe.As<TData, T>(ref Unsafe.AsRef(in source)), elementOffset);
        }

        ref float single = ref Unsafe.As<TData, float>(ref Unsafe.AsRef(in source));
        if (typeof(TVec) == typeof(Vector512<double>))
        {
            return Unsafe.BitCast<Vector512<double>, TVec>(Vector512.WidenLower(Vector256.LoadUnsafe(ref single, elementOffset).ToVector512Unsafe()));
        }

        if (typeof(TVec) == typeof(Vector256<double>))
        {
            return Unsafe.BitCast<Vector256<double>, TVec>(Vector256.WidenLower(Vector128.LoadUnsafe(ref single, elementOffset).ToVector256Unsafe()));
        }

        if (typeof(TVec) == typeof(Vector128<double>))
        {
            return Unsafe.BitCast<Vector128<double>, TVec>(Vector128.WidenLower(Vector64.LoadUnsafe(ref single, elementOffset).ToVector128Unsafe()));
        }

        return Unsafe.BitCast<double, TVec>(Unsafe.Add(ref single, elementOffset));
    }

    /// <summary>One element as <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<TData>(TData value)
        where TData : unmanaged
    {
        if (typeof(TData) == typeof(T))
        {
            return Unsafe.BitCast<TData, T>(value);
        }

        return T.CreateTruncating(Unsafe.BitCast<TData, float>(value));
    }
}
