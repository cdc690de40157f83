using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 256-bit width: <see cref="Vector256{T}"/>.</summary>
/// <remarks>
/// Sigmoid, residual and log-loss run in double even for float lanes: the float result is then the
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
            return Vector256.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector256.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
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
    public static void Sum4(Vector256<T> a0, Vector256<T> a1, Vector256<T> a2, Vector256<T> a3, T addend, ref T destination)
    {
        TransposedSums.Store4(a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper(), a2.GetLower() + a2.GetUpper(), a3.GetLower() + a3.GetUpper(), addend, ref destination);
    }

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
    public static Vector256<T> ResidualAndLogLoss(Vector256<T> z, Vector256<T> y, out Vector256<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            (var zLower, var zUpper) = Vector256.Widen(z.AsSingle());
            (var yLower, var yUpper) = Vector256.Widen(y.AsSingle());
            var residualLower = ResidualAndLogLossDouble(zLower, yLower, out var lossLower);
            var residualUpper = ResidualAndLogLossDouble(zUpper, yUpper, out var lossUpper);
            loss = Vector256.Narrow(lossLower, lossUpper).As<float, T>();
            return Vector256.Narrow(residualLower, residualUpper).As<float, T>();
        }

        var residual = ResidualAndLogLossDouble(z.AsDouble(), y.AsDouble(), out var lossDouble);
        loss = lossDouble.As<double, T>();
        return residual.As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ResidualAndLogLossInLaneType(Vector256<T> z, Vector256<T> y, out Vector256<T> loss)
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
    private static Vector256<float> ResidualAndLogLossSingle(Vector256<float> z, Vector256<float> y, out Vector256<float> loss)
    {
        var one = Vector256<float>.One;
        var absZ = Vector256.Abs(z);
        var e = ExpNonPositiveSingle(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwoSingle(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero);
        var oneMinusY = one - y;
        var t = Vector256.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector256.ConditionalSelect(Vector256.Equals(t, Vector256<float>.Zero), Vector256<float>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector256.ConditionalSelect(nonNegative, Vector256.MultiplyAddEstimate(-y, e, oneMinusY), Vector256.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }

    // e^x for x <= 0 in float: Cody-Waite with Cephes' expf polynomial (about 1 ulp), 2^n in two halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpNonPositiveSingle(Vector256<float> x)
    {
        const float Log2E = 1.44269504088896341f;
        const float Ln2High = 0.693359375f;
        const float Ln2Low = -2.12194440e-4f;
        const float RoundingShift = 12582912f; // 1.5 * 2^23
        var shifted = Vector256.MultiplyAddEstimate(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2High), x);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2Low), r);

        var p = Vector256.Create(1.9875691500E-4f);
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.3981999507E-3f));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(8.3334519073E-3f));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(4.1665795894E-2f));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.6666665459E-1f));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(5.0000001201E-1f));
        p = Vector256.MultiplyAddEstimate(p, r * r, r + Vector256<float>.One);

        var exponent = shifted.AsInt32() - Vector256.Create(BitConverter.SingleToInt32Bits(RoundingShift));
        var half = Vector256.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scaleHigh = Vector256.ShiftLeft(exponent - half + Vector256.Create(127), 23).AsSingle();
        var result = p * scaleLow * scaleHigh;
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-104f)), Vector256<float>.Zero, result);
    }

    // log(w) for w in [1, 2] in float: the atanh series to s^9 (|s| <= 0.172, error below float rounding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogOneToTwoSingle(Vector256<float> w)
    {
        const float Sqrt2 = 1.41421356f;
        const float Ln2 = 0.693147181f;
        var large = Vector256.GreaterThan(w, Vector256.Create(Sqrt2));
        var f = Vector256.ConditionalSelect(large, w * Vector256.Create(0.5f), w);
        var s = (f - Vector256<float>.One) / (f + Vector256<float>.One);
        var s2 = s * s;
        var q = Vector256.Create(1f / 9);
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1f / 7));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1f / 5));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1f / 3));
        var twoS = s + s;
        var logF = Vector256.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector256.ConditionalSelect(large, Vector256.Create(Ln2), Vector256<float>.Zero);
    }

    // sigma(z) = 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SigmoidDouble(Vector256<double> z)
    {
        var e = ExpNonPositive(-Vector256.Abs(z));
        var r = Vector256<double>.One / (Vector256<double>.One + e);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), r, e * r);
    }

    // loss = max(z,0) - y z + log1p(e^-|z|), written as t|z| + log1p(e^-|z|) with t = 1-y (z >= 0) or y (z < 0);
    // t|z| is taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    // log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e): the second term restores what rounding 1 + e lost,
    // so tiny e gives e (not 0), and 1/w is shared with the residual.
    // The residual sigma(z) - y = ((1-y) - y e) / w (z >= 0) or ((1-y) e - y) / w (z < 0) never subtracts two
    // nearly equal numbers when the row is correctly classified, unlike sigma(z) - y (exactly 0 for y = 1, z >= 37).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ResidualAndLogLossDouble(Vector256<double> z, Vector256<double> y, out Vector256<double> loss)
    {
        var one = Vector256<double>.One;
        var absZ = Vector256.Abs(z);
        var e = ExpNonPositive(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwo(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
        var oneMinusY = one - y;
        var t = Vector256.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector256.ConditionalSelect(Vector256.Equals(t, Vector256<double>.Zero), Vector256<double>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector256.ConditionalSelect(nonNegative, Vector256.MultiplyAddEstimate(-y, e, oneMinusY), Vector256.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }
    // e^x for x <= 0 (NaN stays NaN): Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, a degree-13
    // Taylor polynomial (error < 1e-17), and 2^n applied as two halves so subnormal results round once.
    // Hand-written because Vector256.Exp(double) runs lane by lane on .NET 10 (about 3 ns per element here).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpNonPositive(Vector256<double> x)
    {
        const double Log2E = 1.4426950408889634;
        const double Ln2High = 6.93147180369123816490e-01;
        const double Ln2Low = 1.90821492927058770002e-10;
        const double RoundingShift = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low bits.
        var shifted = Vector256.MultiplyAddEstimate(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2High), x);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2Low), r);

        var p = Vector256.Create(1.0 / 6227020800.0);
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 479001600.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 39916800.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 3628800.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 362880.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 40320.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 5040.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 720.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 120.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 24.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(1.0 / 6.0));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(0.5));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256<double>.One);
        p = Vector256.MultiplyAddEstimate(p, r, Vector256<double>.One);

        var exponent = shifted.AsInt64() - Vector256.Create(BitConverter.DoubleToInt64Bits(RoundingShift));
        var half = Vector256.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector256.ShiftLeft(half + Vector256.Create(1023L), 52).AsDouble();
        var scaleHigh = Vector256.ShiftLeft(exponent - half + Vector256.Create(1023L), 52).AsDouble();
        var result = p * scaleLow * scaleHigh;
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-745.2)), Vector256<double>.Zero, result);
    }

    // log(w) for w in [1, 2]: w = 2^k f with f in [sqrt(1/2), sqrt(2)], log f = 2 atanh(s), s = (f-1)/(f+1),
    // |s| <= 0.172, summed to s^23 (error < 1e-18). f - 1 is exact, so w near 1 keeps its digits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogOneToTwo(Vector256<double> w)
    {
        const double Sqrt2 = 1.4142135623730951;
        const double Ln2 = 0.6931471805599453;
        var large = Vector256.GreaterThan(w, Vector256.Create(Sqrt2));
        var f = Vector256.ConditionalSelect(large, w * Vector256.Create(0.5), w);
        var s = (f - Vector256<double>.One) / (f + Vector256<double>.One);
        var s2 = s * s;
        var q = Vector256.Create(1.0 / 23);
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 21));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 19));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 17));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 15));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 13));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 11));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 9));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 7));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 5));
        q = Vector256.MultiplyAddEstimate(q, s2, Vector256.Create(1.0 / 3));
        var twoS = s + s;
        var logF = Vector256.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector256.ConditionalSelect(large, Vector256.Create(Ln2), Vector256<double>.Zero);
    }
}
