using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The one-lane width: plain <typeparamref name="T"/>, the fallback and the reference for the vector widths.</summary>
/// <remarks>
/// Masks, compares, selects and 2^n run in the low lane of a 128-bit vector: one copy of that code, and no branch on a
/// select where the CPU has 128-bit vectors.
/// </remarks>
internal readonly struct SimdScalar<T> : ISimd<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref readonly T source, nuint elementOffset) => Unsafe.Add(ref Unsafe.AsRef(in source), elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint elementOffset) => Unsafe.Add(ref destination, elementOffset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract(T left, T right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T left, T right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T left, T right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs(T value) => T.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) => T.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CompareEqual(T left, T right) => Vector128.Equals(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CompareGreaterThan(T left, T right) => Vector128.GreaterThan(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CompareGreaterThanOrEqual(T left, T right) => Vector128.GreaterThanOrEqual(Vector128.CreateScalarUnsafe(left), Vector128.CreateScalarUnsafe(right)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ConditionalSelect(T mask, T whenTrue, T whenFalse) =>
        Vector128.ConditionalSelect(Vector128.CreateScalarUnsafe(mask), Vector128.CreateScalarUnsafe(whenTrue), Vector128.CreateScalarUnsafe(whenFalse)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T And(T value, T mask) => (Vector128.CreateScalarUnsafe(value) & Vector128.CreateScalarUnsafe(mask)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ScaleByPowerOfTwo(T p, T shifted, T roundingShift) =>
        Simd128<T>.ScaleByPowerOfTwo(Vector128.CreateScalarUnsafe(p), Vector128.CreateScalarUnsafe(shifted), roundingShift).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sum4(T a0, T a1, T a2, T a3, T addend, ref T destination)
    {
        destination = a0 + addend;
        Unsafe.Add(ref destination, 1) = a1 + addend;
        Unsafe.Add(ref destination, 2) = a2 + addend;
        Unsafe.Add(ref destination, 3) = a3 + addend;
    }
}
