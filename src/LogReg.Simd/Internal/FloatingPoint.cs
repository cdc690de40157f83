using System.Runtime.CompilerServices;

namespace LogReg.Simd.Internal;

internal static class FloatingPoint
{
    /// <summary>The kernels are written for float and double; the JIT folds this check away for both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfNotSupported<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            ThrowNotSupported(typeof(T));
        }
    }

    private static void ThrowNotSupported(Type type) =>
        throw new NotSupportedException($"Element type '{type.Name}' is not supported; use float or double.");
}
