using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>A kernel call that runs at whatever width <see cref="SimdDispatch"/> picks; a struct, so each width is specialized.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IWidthAction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    void Invoke<TSimd, TVec>()
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged;
}

/// <summary>
/// The one place that turns a <see cref="SimdWidth"/> into a width struct. Public entry points pass
/// <see cref="SimdWidths.Widest"/>; tests pass every width, accelerated or not (an unaccelerated vector
/// width runs in software, slowly but with the same results).
/// </summary>
internal static class SimdDispatch
{
    /// <summary>
    /// The widest width not above <paramref name="preferred"/> whose vector fits in <paramref name="length"/>
    /// elements (an overlapped last vector needs one whole vector to overlap); scalar below that.
    /// </summary>
    public static SimdWidth Fit<T>(SimdWidth preferred, int length)
    {
        SimdWidth width = preferred;
        while (width > SimdWidth.Scalar && SimdWidths.LaneCount<T>(width) > length)
        {
            width--;
        }

        return width;
    }

    /// <summary>Runs <paramref name="action"/> closed over the width struct of <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<T, TAction>(SimdWidth width, ref TAction action)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TAction : struct, IWidthAction<T>, allows ref struct
    {
        switch (width)
        {
            case SimdWidth.Vector512:
                action.Invoke<Simd512<T>, Vector512<T>>();
                break;
            case SimdWidth.Vector256:
                action.Invoke<Simd256<T>, Vector256<T>>();
                break;
            case SimdWidth.Vector128:
                action.Invoke<Simd128<T>, Vector128<T>>();
                break;
            default:
                action.Invoke<SimdScalar<T>, T>();
                break;
        }
    }
}
