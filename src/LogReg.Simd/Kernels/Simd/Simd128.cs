using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 128-bit width: <see cref="Vector128{T}"/>.</summary>
/// <remarks>
/// Sigmoid, residual and log-loss run in double even for float lanes: the float result is then the
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
            return Vector128.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector128.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
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
    public static void Sum4(Vector128<T> a0, Vector128<T> a1, Vector128<T> a2, Vector128<T> a3, T addend, ref T destination)
    {
        TransposedSums.Store4(a0, a1, a2, a3, addend, ref destination);
    }

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
    public static Vector128<T> ResidualAndLogLoss(Vector128<T> z, Vector128<T> y, out Vector128<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            (var zLower, var zUpper) = Vector128.Widen(z.AsSingle());
            (var yLower, var yUpper) = Vector128.Widen(y.AsSingle());
            var residualLower = ResidualAndLogLossDouble(zLower, yLower, out var lossLower);
            var residualUpper = ResidualAndLogLossDouble(zUpper, yUpper, out var lossUpper);
            loss = Vector128.Narrow(lossLower, lossUpper).As<float, T>();
            return Vector128.Narrow(residualLower, residualUpper).As<float, T>();
        }

        var residual = ResidualAndLogLossDouble(z.AsDouble(), y.AsDouble(), out var lossDouble);
        loss = lossDouble.As<double, T>();
        return residual.As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ResidualAndLogLossInLaneType(Vector128<T> z, Vector128<T> y, out Vector128<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            var residual = ResidualAndLogLossSingle(z.AsSingle(), y.AsSingle(), out var lossSingle);
            loss = lossSingle.As<float, T>();
            return residual.As<float, T>();
        }

        return ResidualAndLogLoss(z, y, out loss);
    }

    // The float twin of ResidualAndLogLossDouble, with float-sized polynomials.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ResidualAndLogLossSingle(Vector128<float> z, Vector128<float> y, out Vector128<float> loss)
    {
        var one = Vector128<float>.One;
        var absZ = Vector128.Abs(z);
        var e = ExpNonPositiveSingle(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwoSingle(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero);
        var oneMinusY = one - y;
        var t = Vector128.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector128.ConditionalSelect(Vector128.Equals(t, Vector128<float>.Zero), Vector128<float>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector128.ConditionalSelect(nonNegative, Vector128.MultiplyAddEstimate(-y, e, oneMinusY), Vector128.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }

    // e^x for x <= 0 in float: Cody-Waite with Cephes' expf polynomial (about 1 ulp), 2^n in two halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpNonPositiveSingle(Vector128<float> x)
    {
        const float Log2E = 1.44269504088896341f;
        const float Ln2High = 0.693359375f;
        const float Ln2Low = -2.12194440e-4f;
        const float RoundingShift = 12582912f; // 1.5 * 2^23
        var shifted = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        var n = shifted - Vector128.Create(RoundingShift);
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Low), r);

        var p = Vector128.Create(1.9875691500E-4f);
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.3981999507E-3f));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(8.3334519073E-3f));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(4.1665795894E-2f));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.6666665459E-1f));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(5.0000001201E-1f));
        p = Vector128.MultiplyAddEstimate(p, r * r, r + Vector128<float>.One);

        var exponent = shifted.AsInt32() - Vector128.Create(BitConverter.SingleToInt32Bits(RoundingShift));
        var half = Vector128.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
        var scaleHigh = Vector128.ShiftLeft(exponent - half + Vector128.Create(127), 23).AsSingle();
        var result = p * scaleLow * scaleHigh;
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(-104f)), Vector128<float>.Zero, result);
    }

    // log(w) for w in [1, 2] in float: the atanh series to s^9 (|s| <= 0.172, error below float rounding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LogOneToTwoSingle(Vector128<float> w)
    {
        const float Sqrt2 = 1.41421356f;
        const float Ln2 = 0.693147181f;
        var large = Vector128.GreaterThan(w, Vector128.Create(Sqrt2));
        var f = Vector128.ConditionalSelect(large, w * Vector128.Create(0.5f), w);
        var s = (f - Vector128<float>.One) / (f + Vector128<float>.One);
        var s2 = s * s;
        var q = Vector128.Create(1f / 9);
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1f / 7));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1f / 5));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1f / 3));
        var twoS = s + s;
        var logF = Vector128.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector128.ConditionalSelect(large, Vector128.Create(Ln2), Vector128<float>.Zero);
    }

    // sigma(z) = 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> SigmoidDouble(Vector128<double> z)
    {
        var e = ExpNonPositive(-Vector128.Abs(z));
        var r = Vector128<double>.One / (Vector128<double>.One + e);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(z, Vector128<double>.Zero), r, e * r);
    }

    // loss = max(z,0) - y z + log1p(e^-|z|), written as t|z| + log1p(e^-|z|) with t = 1-y (z >= 0) or y (z < 0);
    // t|z| is taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    // log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e): the second term restores what rounding 1 + e lost,
    // so tiny e gives e (not 0), and 1/w is shared with the residual.
    // The residual sigma(z) - y = ((1-y) - y e) / w (z >= 0) or ((1-y) e - y) / w (z < 0) never subtracts two
    // nearly equal numbers when the row is correctly classified, unlike sigma(z) - y (exactly 0 for y = 1, z >= 37).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ResidualAndLogLossDouble(Vector128<double> z, Vector128<double> y, out Vector128<double> loss)
    {
        var one = Vector128<double>.One;
        var absZ = Vector128.Abs(z);
        var e = ExpNonPositive(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwo(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector128.GreaterThanOrEqual(z, Vector128<double>.Zero);
        var oneMinusY = one - y;
        var t = Vector128.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector128.ConditionalSelect(Vector128.Equals(t, Vector128<double>.Zero), Vector128<double>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector128.ConditionalSelect(nonNegative, Vector128.MultiplyAddEstimate(-y, e, oneMinusY), Vector128.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }
    // e^x for x <= 0 (NaN stays NaN): Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, a degree-13
    // Taylor polynomial (error < 1e-17), and 2^n applied as two halves so subnormal results round once.
    // Hand-written because Vector128.Exp(double) runs lane by lane on .NET 10 (about 3 ns per element here).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ExpNonPositive(Vector128<double> x)
    {
        const double Log2E = 1.4426950408889634;
        const double Ln2High = 6.93147180369123816490e-01;
        const double Ln2Low = 1.90821492927058770002e-10;
        const double RoundingShift = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low bits.
        var shifted = Vector128.MultiplyAddEstimate(x, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        var n = shifted - Vector128.Create(RoundingShift);
        var r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Low), r);

        var p = Vector128.Create(1.0 / 6227020800.0);
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 479001600.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 39916800.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 3628800.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 362880.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 40320.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 5040.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 720.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 120.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 24.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(1.0 / 6.0));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(0.5));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128<double>.One);
        p = Vector128.MultiplyAddEstimate(p, r, Vector128<double>.One);

        var exponent = shifted.AsInt64() - Vector128.Create(BitConverter.DoubleToInt64Bits(RoundingShift));
        var half = Vector128.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector128.ShiftLeft(half + Vector128.Create(1023L), 52).AsDouble();
        var scaleHigh = Vector128.ShiftLeft(exponent - half + Vector128.Create(1023L), 52).AsDouble();
        var result = p * scaleLow * scaleHigh;
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(-745.2)), Vector128<double>.Zero, result);
    }

    // log(w) for w in [1, 2]: w = 2^k f with f in [sqrt(1/2), sqrt(2)], log f = 2 atanh(s), s = (f-1)/(f+1),
    // |s| <= 0.172, summed to s^23 (error < 1e-18). f - 1 is exact, so w near 1 keeps its digits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LogOneToTwo(Vector128<double> w)
    {
        const double Sqrt2 = 1.4142135623730951;
        const double Ln2 = 0.6931471805599453;
        var large = Vector128.GreaterThan(w, Vector128.Create(Sqrt2));
        var f = Vector128.ConditionalSelect(large, w * Vector128.Create(0.5), w);
        var s = (f - Vector128<double>.One) / (f + Vector128<double>.One);
        var s2 = s * s;
        var q = Vector128.Create(1.0 / 23);
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 21));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 19));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 17));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 15));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 13));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 11));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 9));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 7));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 5));
        q = Vector128.MultiplyAddEstimate(q, s2, Vector128.Create(1.0 / 3));
        var twoS = s + s;
        var logF = Vector128.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector128.ConditionalSelect(large, Vector128.Create(Ln2), Vector128<double>.Zero);
    }
}
