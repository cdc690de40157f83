using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 128-bit width: <see cref="Vector128{T}"/>.</summary>
internal readonly struct Simd128<T> : ISimd<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source, nuint elementOffset) => Vector128.LoadUnsafe(in source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint elementOffset) => value.StoreUnsafe(ref destination, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector128.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CompareEqual(Vector128<T> left, Vector128<T> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CompareGreaterThan(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CompareGreaterThanOrEqual(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ConditionalSelect(Vector128<T> mask, Vector128<T> whenTrue, Vector128<T> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> And(Vector128<T> value, Vector128<T> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ScaleByPowerOfTwo(Vector128<T> p, Vector128<T> shifted, T roundingShift)
    {
        if (typeof(T) == typeof(float))
        {
            var exponent = shifted.AsInt32() - Vector128.Create(BitConverter.SingleToInt32Bits(float.CreateTruncating(roundingShift)));
            var half = Vector128.ShiftRightArithmetic(exponent, 1);
            var low = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
            var high = Vector128.ShiftLeft(exponent - half + Vector128.Create(127), 23).AsSingle();
            return (p.AsSingle() * low * high).As<float, T>();
        }

        var exponent64 = shifted.AsInt64() - Vector128.Create(BitConverter.DoubleToInt64Bits(double.CreateTruncating(roundingShift)));
        var half64 = Vector128.ShiftRightArithmetic(exponent64, 1);
        var low64 = Vector128.ShiftLeft(half64 + Vector128.Create(1023L), 52).AsDouble();
        var high64 = Vector128.ShiftLeft(exponent64 - half64 + Vector128.Create(1023L), 52).AsDouble();
        return (p.AsDouble() * low64 * high64).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    /// <summary>
    /// With horizontal adds, three instructions give all four float sums (four for double), instead of a shuffle-and-add
    /// tree per row; CPUs without SSE3 take <see cref="Sum4Portable"/>, which adds in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sum4(Vector128<T> a0, Vector128<T> a1, Vector128<T> a2, Vector128<T> a3, T addend, ref T destination)
    {
        if (!Sse3.IsSupported)
        {
            Sum4Portable(a0, a1, a2, a3, addend, ref destination);
        }
        else if (typeof(T) == typeof(float))
        {
            var h01 = Sse3.HorizontalAdd(a0.AsSingle(), a1.AsSingle());
            var h23 = Sse3.HorizontalAdd(a2.AsSingle(), a3.AsSingle());
            (Sse3.HorizontalAdd(h01, h23).As<float, T>() + Vector128.Create(addend)).StoreUnsafe(ref destination);
        }
        else
        {
            (Sse3.HorizontalAdd(a0.AsDouble(), a1.AsDouble()).As<double, T>() + Vector128.Create(addend)).StoreUnsafe(ref destination);
            (Sse3.HorizontalAdd(a2.AsDouble(), a3.AsDouble()).As<double, T>() + Vector128.Create(addend)).StoreUnsafe(ref destination, 2);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Sum4Portable(Vector128<T> a0, Vector128<T> a1, Vector128<T> a2, Vector128<T> a3, T addend, ref T destination)
    {
        destination = PairwiseSum(a0) + addend;
        Unsafe.Add(ref destination, 1) = PairwiseSum(a1) + addend;
        Unsafe.Add(ref destination, 2) = PairwiseSum(a2) + addend;
        Unsafe.Add(ref destination, 3) = PairwiseSum(a3) + addend;
    }

    // (s[0] + s[1]) + (s[2] + s[3]) for four lanes, s[0] + s[1] for two: the order of HorizontalAdd.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T PairwiseSum(Vector128<T> s) => Count == 4 ? (s[0] + s[1]) + (s[2] + s[3]) : s[0] + s[1];
}
