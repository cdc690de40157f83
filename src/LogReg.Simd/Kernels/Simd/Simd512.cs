using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The 512-bit width: <see cref="Vector512{T}"/>.</summary>
/// <remarks>
/// Sigmoid, residual and log-loss run in double even for float lanes: the float result is then the
/// rounded double result (within 1 ulp), and the cost is per row, not per element of X.
/// </remarks>
internal readonly struct Simd512<T> : ISimd<Vector512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint elementOffset) => Vector512.LoadUnsafe(in source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint elementOffset) => value.StoreUnsafe(ref destination, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector512.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    public static Vector512<T> LastLanesMask(int count)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Count - count)).As<int, T>();
        }

        return Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)(Count - count))).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> And(Vector512<T> value, Vector512<T> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value)
    {
        // Halving to 128 bits first costs two adds; Vector512.Sum reduces each 128-bit quarter on its own.
        var half = value.GetLower() + value.GetUpper();
        return Vector128.Sum(half.GetLower() + half.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sum4(Vector512<T> a0, Vector512<T> a1, Vector512<T> a2, Vector512<T> a3, T addend, ref T destination)
    {
        var h0 = a0.GetLower() + a0.GetUpper();
        var h1 = a1.GetLower() + a1.GetUpper();
        var h2 = a2.GetLower() + a2.GetUpper();
        var h3 = a3.GetLower() + a3.GetUpper();
        TransposedSums.Store4(h0.GetLower() + h0.GetUpper(), h1.GetLower() + h1.GetUpper(), h2.GetLower() + h2.GetUpper(), h3.GetLower() + h3.GetUpper(), addend, ref destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sigmoid(Vector512<T> z)
    {
        if (typeof(T) == typeof(float))
        {
            (var lower, var upper) = Vector512.Widen(z.AsSingle());
            return Vector512.Narrow(SigmoidDouble(lower), SigmoidDouble(upper)).As<float, T>();
        }

        return SigmoidDouble(z.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ResidualAndLogLoss(Vector512<T> z, Vector512<T> y, out Vector512<T> loss)
    {
        if (typeof(T) == typeof(float))
        {
            (var zLower, var zUpper) = Vector512.Widen(z.AsSingle());
            (var yLower, var yUpper) = Vector512.Widen(y.AsSingle());
            var residualLower = ResidualAndLogLossDouble(zLower, yLower, out var lossLower);
            var residualUpper = ResidualAndLogLossDouble(zUpper, yUpper, out var lossUpper);
            loss = Vector512.Narrow(lossLower, lossUpper).As<float, T>();
            return Vector512.Narrow(residualLower, residualUpper).As<float, T>();
        }

        var residual = ResidualAndLogLossDouble(z.AsDouble(), y.AsDouble(), out var lossDouble);
        loss = lossDouble.As<double, T>();
        return residual.As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ResidualAndLogLossInLaneType(Vector512<T> z, Vector512<T> y, out Vector512<T> loss)
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
    private static Vector512<float> ResidualAndLogLossSingle(Vector512<float> z, Vector512<float> y, out Vector512<float> loss)
    {
        var one = Vector512<float>.One;
        var absZ = Vector512.Abs(z);
        var e = ExpNonPositiveSingle(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwoSingle(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero);
        var oneMinusY = one - y;
        var t = Vector512.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector512.ConditionalSelect(Vector512.Equals(t, Vector512<float>.Zero), Vector512<float>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector512.ConditionalSelect(nonNegative, Vector512.MultiplyAddEstimate(-y, e, oneMinusY), Vector512.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }

    // e^x for x <= 0 in float: Cody-Waite with Cephes' expf polynomial (about 1 ulp), 2^n in two halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpNonPositiveSingle(Vector512<float> x)
    {
        const float Log2E = 1.44269504088896341f;
        const float Ln2High = 0.693359375f;
        const float Ln2Low = -2.12194440e-4f;
        const float RoundingShift = 12582912f; // 1.5 * 2^23
        var shifted = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2High), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2Low), r);

        var p = Vector512.Create(1.9875691500E-4f);
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.3981999507E-3f));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(8.3334519073E-3f));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(4.1665795894E-2f));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.6666665459E-1f));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(5.0000001201E-1f));
        p = Vector512.MultiplyAddEstimate(p, r * r, r + Vector512<float>.One);

        var exponent = shifted.AsInt32() - Vector512.Create(BitConverter.SingleToInt32Bits(RoundingShift));
        var half = Vector512.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        var scaleHigh = Vector512.ShiftLeft(exponent - half + Vector512.Create(127), 23).AsSingle();
        var result = p * scaleLow * scaleHigh;
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-104f)), Vector512<float>.Zero, result);
    }

    // log(w) for w in [1, 2] in float: the atanh series to s^9 (|s| <= 0.172, error below float rounding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOneToTwoSingle(Vector512<float> w)
    {
        const float Sqrt2 = 1.41421356f;
        const float Ln2 = 0.693147181f;
        var large = Vector512.GreaterThan(w, Vector512.Create(Sqrt2));
        var f = Vector512.ConditionalSelect(large, w * Vector512.Create(0.5f), w);
        var s = (f - Vector512<float>.One) / (f + Vector512<float>.One);
        var s2 = s * s;
        var q = Vector512.Create(1f / 9);
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1f / 7));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1f / 5));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1f / 3));
        var twoS = s + s;
        var logF = Vector512.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector512.ConditionalSelect(large, Vector512.Create(Ln2), Vector512<float>.Zero);
    }

    // sigma(z) = 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SigmoidDouble(Vector512<double> z)
    {
        var e = ExpNonPositive(-Vector512.Abs(z));
        var r = Vector512<double>.One / (Vector512<double>.One + e);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero), r, e * r);
    }

    // loss = max(z,0) - y z + log1p(e^-|z|), written as t|z| + log1p(e^-|z|) with t = 1-y (z >= 0) or y (z < 0);
    // t|z| is taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    // log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e): the second term restores what rounding 1 + e lost,
    // so tiny e gives e (not 0), and 1/w is shared with the residual.
    // The residual sigma(z) - y = ((1-y) - y e) / w (z >= 0) or ((1-y) e - y) / w (z < 0) never subtracts two
    // nearly equal numbers when the row is correctly classified, unlike sigma(z) - y (exactly 0 for y = 1, z >= 37).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ResidualAndLogLossDouble(Vector512<double> z, Vector512<double> y, out Vector512<double> loss)
    {
        var one = Vector512<double>.One;
        var absZ = Vector512.Abs(z);
        var e = ExpNonPositive(-absZ);
        var onePlusE = one + e;
        var r = one / onePlusE;
        var log1pE = LogOneToTwo(onePlusE) - (((onePlusE - one) - e) * r);
        var nonNegative = Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero);
        var oneMinusY = one - y;
        var t = Vector512.ConditionalSelect(nonNegative, oneMinusY, y);
        var linear = Vector512.ConditionalSelect(Vector512.Equals(t, Vector512<double>.Zero), Vector512<double>.Zero, t * absZ);
        loss = linear + log1pE;
        var numerator = Vector512.ConditionalSelect(nonNegative, Vector512.MultiplyAddEstimate(-y, e, oneMinusY), Vector512.MultiplyAddEstimate(oneMinusY, e, -y));
        return numerator * r;
    }
    // e^x for x <= 0 (NaN stays NaN): Cody-Waite reduction x = n ln2 + r, |r| <= ln2/2, a degree-13
    // Taylor polynomial (error < 1e-17), and 2^n applied as two halves so subnormal results round once.
    // Hand-written because Vector512.Exp(double) runs lane by lane on .NET 10 (about 3 ns per element here).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpNonPositive(Vector512<double> x)
    {
        const double Log2E = 1.4426950408889634;
        const double Ln2High = 6.93147180369123816490e-01;
        const double Ln2Low = 1.90821492927058770002e-10;
        const double RoundingShift = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low bits.
        var shifted = Vector512.MultiplyAddEstimate(x, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2High), x);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2Low), r);

        var p = Vector512.Create(1.0 / 6227020800.0);
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 479001600.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 39916800.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 3628800.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 362880.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 40320.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 5040.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 720.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 120.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 24.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(1.0 / 6.0));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(0.5));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512<double>.One);
        p = Vector512.MultiplyAddEstimate(p, r, Vector512<double>.One);

        var exponent = shifted.AsInt64() - Vector512.Create(BitConverter.DoubleToInt64Bits(RoundingShift));
        var half = Vector512.ShiftRightArithmetic(exponent, 1);
        var scaleLow = Vector512.ShiftLeft(half + Vector512.Create(1023L), 52).AsDouble();
        var scaleHigh = Vector512.ShiftLeft(exponent - half + Vector512.Create(1023L), 52).AsDouble();
        var result = p * scaleLow * scaleHigh;
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-745.2)), Vector512<double>.Zero, result);
    }

    // log(w) for w in [1, 2]: w = 2^k f with f in [sqrt(1/2), sqrt(2)], log f = 2 atanh(s), s = (f-1)/(f+1),
    // |s| <= 0.172, summed to s^23 (error < 1e-18). f - 1 is exact, so w near 1 keeps its digits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogOneToTwo(Vector512<double> w)
    {
        const double Sqrt2 = 1.4142135623730951;
        const double Ln2 = 0.6931471805599453;
        var large = Vector512.GreaterThan(w, Vector512.Create(Sqrt2));
        var f = Vector512.ConditionalSelect(large, w * Vector512.Create(0.5), w);
        var s = (f - Vector512<double>.One) / (f + Vector512<double>.One);
        var s2 = s * s;
        var q = Vector512.Create(1.0 / 23);
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 21));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 19));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 17));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 15));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 13));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 11));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 9));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 7));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 5));
        q = Vector512.MultiplyAddEstimate(q, s2, Vector512.Create(1.0 / 3));
        var twoS = s + s;
        var logF = Vector512.MultiplyAddEstimate(twoS * s2, q, twoS);
        return logF + Vector512.ConditionalSelect(large, Vector512.Create(Ln2), Vector512<double>.Zero);
    }
}
