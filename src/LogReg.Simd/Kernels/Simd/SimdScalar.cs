using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The one-lane width: plain <typeparamref name="T"/>, the fallback and the reference for the vector widths.</summary>
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
    public static T CompareEqual(T left, T right) => Mask(left == right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CompareGreaterThan(T left, T right) => Mask(left > right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CompareGreaterThanOrEqual(T left, T right) => Mask(left >= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ConditionalSelect(T mask, T whenTrue, T whenFalse) => IsSet(mask) ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T And(T value, T mask) => (Vector128.CreateScalarUnsafe(value) & Vector128.CreateScalarUnsafe(mask)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ScaleByPowerOfTwo(T p, T shifted, T roundingShift)
    {
        if (typeof(T) == typeof(float))
        {
            int exponent = BitConverter.SingleToInt32Bits(float.CreateTruncating(shifted)) - BitConverter.SingleToInt32Bits(float.CreateTruncating(roundingShift));
            int half = exponent >> 1;
            float low = BitConverter.Int32BitsToSingle((half + 127) << 23);
            float high = BitConverter.Int32BitsToSingle((exponent - half + 127) << 23);
            return T.CreateTruncating(float.CreateTruncating(p) * low * high);
        }

        long exponent64 = BitConverter.DoubleToInt64Bits(double.CreateTruncating(shifted)) - BitConverter.DoubleToInt64Bits(double.CreateTruncating(roundingShift));
        long half64 = exponent64 >> 1;
        double low64 = BitConverter.Int64BitsToDouble((half64 + 1023) << 52);
        double high64 = BitConverter.Int64BitsToDouble((exponent64 - half64 + 1023) << 52);
        return T.CreateTruncating(double.CreateTruncating(p) * low64 * high64);
    }

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

    // All bits set, as a vector comparison sets a lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mask(bool set)
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.BitCast<uint, T>(set ? uint.MaxValue : 0u);
        }

        return Unsafe.BitCast<ulong, T>(set ? ulong.MaxValue : 0ul);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(T mask) => typeof(T) == typeof(float) ? Unsafe.BitCast<T, uint>(mask) != 0 : Unsafe.BitCast<T, ulong>(mask) != 0;
}
