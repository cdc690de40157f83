using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 128-bit width: <see cref="Vector128{T}"/>.</summary>
/// <remarks>
/// Sigmoid and log-loss run in double even for float lanes: the float result is then the
/// rounded double result (within 1 ulp), and the cost is per row, not per element of X.
/// </remarks>
internal readonly struct Simd128<T> : ISimd<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

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
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    public static Vector128<T> LastLanesMask(int count)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Count - count)).As<int, T>();
        }

        return Vector128.GreaterThanOrEqual(Vector128<long>.Indices, Vector128.Create((long)(Count - count))).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> And(Vector128<T> value, Vector128<T> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sigmoid(Vector128<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            (var lower, var upper) = Vector128.Widen(z.AsSingle());
            return Vector128.Narrow(SigmoidDouble(lower), SigmoidDouble(upper)).As<float, T>();
        }

        return SigmoidDouble(z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> SigmoidAndLogLoss(Vector128<T> z, Vector128<T> y, out Vector128<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            (var zLower, var zUpper) = Vector128.Widen(z.AsSingle());
            (var yLower, var yUpper) = Vector128.Widen(y.AsSingle());
            var aLower = SigmoidAndLogLossDouble(zLower, yLower, out var lossLower);
            var aUpper = SigmoidAndLogLossDouble(zUpper, yUpper, out var lossUpper);
            loss = Vector128.Narrow(lossLower, lossUpper).As<float, T>();
            return Vector128.Narrow(aLower, aUpper).As<float, T>();
        }

        var a = SigmoidAndLogLossDouble(z.AsDouble(), y.AsDouble(), out var lossDouble);
        loss = lossDouble.As<double, T>();
        return a.As<double, T>();
    }

    // sigma(z) = 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> SigmoidDouble(Vector128<double> z)
    {
        var e = Vector128.Exp(-Vector128.Abs(z));
        var r = Vector128<double>.One / (Vector128<double>.One + e);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(z, Vector128<double>.Zero), r, e * r);
    }

    // loss = max(z,0) - y z + log1p(e^-|z|), written as t|z| + log1p(e^-|z|) with t = 1-y (z >= 0) or y (z < 0);
    // t|z| is taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    // log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e): the second term restores what rounding 1 + e lost,
    // so tiny e gives e (not 0), and 1/w is shared with sigma.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> SigmoidAndLogLossDouble(Vector128<double> z, Vector128<double> y, out Vector128<double> loss)
    {
        var one = Vector128<double>.One;
        var absZ = Vector128.Abs(z);
        var e = Vector128.Exp(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = Vector128.Log(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector128.GreaterThanOrEqual(z, Vector128<double>.Zero);
        var t = Vector128.ConditionalSelect(nonNegative, one - y, y);
        var linear = Vector128.ConditionalSelect(Vector128.Equals(t, Vector128<double>.Zero), Vector128<double>.Zero, t * absZ);
        loss = linear + log1pE;
        return Vector128.ConditionalSelect(nonNegative, r, e * r);
    }
}
