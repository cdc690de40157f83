using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 256-bit width: <see cref="Vector256{T}"/>.</summary>
/// <remarks>
/// Sigmoid and log-loss run in double even for float lanes: the float result is then the
/// rounded double result (within 1 ulp), and the cost is per row, not per element of X.
/// </remarks>
internal readonly struct Simd256<T> : ISimd<Vector256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nuint elementOffset) => Vector256.LoadUnsafe(in source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint elementOffset) => value.StoreUnsafe(ref destination, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    public static Vector256<T> LastLanesMask(int count)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Count - count)).As<int, T>();
        }

        return Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)(Count - count))).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> And(Vector256<T> value, Vector256<T> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector128.Sum(value.GetLower() + value.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sigmoid(Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            (var lower, var upper) = Vector256.Widen(z.AsSingle());
            return Vector256.Narrow(SigmoidDouble(lower), SigmoidDouble(upper)).As<float, T>();
        }

        return SigmoidDouble(z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SigmoidAndLogLoss(Vector256<T> z, Vector256<T> y, out Vector256<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            (var zLower, var zUpper) = Vector256.Widen(z.AsSingle());
            (var yLower, var yUpper) = Vector256.Widen(y.AsSingle());
            var aLower = SigmoidAndLogLossDouble(zLower, yLower, out var lossLower);
            var aUpper = SigmoidAndLogLossDouble(zUpper, yUpper, out var lossUpper);
            loss = Vector256.Narrow(lossLower, lossUpper).As<float, T>();
            return Vector256.Narrow(aLower, aUpper).As<float, T>();
        }

        var a = SigmoidAndLogLossDouble(z.AsDouble(), y.AsDouble(), out var lossDouble);
        loss = lossDouble.As<double, T>();
        return a.As<double, T>();
    }

    // sigma(z) = 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SigmoidDouble(Vector256<double> z)
    {
        var e = Vector256.Exp(-Vector256.Abs(z));
        var r = Vector256<double>.One / (Vector256<double>.One + e);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), r, e * r);
    }

    // loss = max(z,0) - y z + log1p(e^-|z|), written as t|z| + log1p(e^-|z|) with t = 1-y (z >= 0) or y (z < 0);
    // t|z| is taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    // log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e): the second term restores what rounding 1 + e lost,
    // so tiny e gives e (not 0), and 1/w is shared with sigma.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SigmoidAndLogLossDouble(Vector256<double> z, Vector256<double> y, out Vector256<double> loss)
    {
        var one = Vector256<double>.One;
        var absZ = Vector256.Abs(z);
        var e = Vector256.Exp(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = Vector256.Log(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
        var t = Vector256.ConditionalSelect(nonNegative, one - y, y);
        var linear = Vector256.ConditionalSelect(Vector256.Equals(t, Vector256<double>.Zero), Vector256<double>.Zero, t * absZ);
        loss = linear + log1pE;
        return Vector256.ConditionalSelect(nonNegative, r, e * r);
    }
}
