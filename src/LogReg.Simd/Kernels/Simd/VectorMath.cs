using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>
/// The exponential, the logarithm, the stable sigmoid and the log-loss, written once over the width's
/// primitive operations (as CoreLib's <c>VectorMath</c> is written over its vector interface). Every
/// width, the one-lane scalar included, runs these same operations, so a lane's result does not
/// depend on the width that computed it.
/// </summary>
/// <remarks>
/// <typeparamref name="T"/> picks the polynomials: double lanes get double-sized ones (error below
/// 1e-17), float lanes float-sized ones (about 1 float ulp). The <c>typeof(T)</c> tests fold away
/// when the JIT specializes a width.
/// </remarks>
internal static class VectorMath<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>sigma(z) = 1 / (1 + e^-z) for z &gt;= 0, e^z / (1 + e^z) otherwise; e = e^-|z| never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec z)
    {
        TVec e = ExpNonPositive(TSimd.Subtract(TSimd.Zero, TSimd.Abs(z)));
        TVec r = TSimd.Divide(TSimd.Broadcast(T.One), TSimd.Add(TSimd.Broadcast(T.One), e));
        return TSimd.ConditionalSelect(TSimd.CompareGreaterThanOrEqual(z, TSimd.Zero), r, TSimd.Multiply(e, r));
    }

    /// <summary>The residual sigma(z) - y of each lane, and its log-loss against <paramref name="y"/>, sharing one exponential.</summary>
    /// <remarks>
    /// The forms are <see cref="LogisticFunctions"/>'s. The loss's max(z,0) - y z is t|z| with t = 1-y (z &gt;= 0) or y
    /// (z &lt; 0), taken as 0 when t = 0, so a saturated, correctly labelled infinite logit costs 0, not NaN.
    /// log1p(e) = log(w) - ((w - 1) - e) / w with w = fl(1 + e) restores what rounding 1 + e lost, and shares 1/w with
    /// the residual.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ResidualAndLogLoss(TVec z, TVec y, out TVec loss)
    {
        TVec one = TSimd.Broadcast(T.One);
        TVec absZ = TSimd.Abs(z);
        TVec e = ExpNonPositive(TSimd.Subtract(TSimd.Zero, absZ));
        TVec onePlusE = TSimd.Add(one, e);
        TVec r = TSimd.Divide(one, onePlusE);
        TVec log1pE = TSimd.Subtract(LogOneToTwo(onePlusE), TSimd.Multiply(TSimd.Subtract(TSimd.Subtract(onePlusE, one), e), r));
        TVec nonNegative = TSimd.CompareGreaterThanOrEqual(z, TSimd.Zero);
        TVec oneMinusY = TSimd.Subtract(one, y);
        TVec t = TSimd.ConditionalSelect(nonNegative, oneMinusY, y);
        TVec linear = TSimd.ConditionalSelect(TSimd.CompareEqual(t, TSimd.Zero), TSimd.Zero, TSimd.Multiply(t, absZ));
        loss = TSimd.Add(linear, log1pE);
        TVec numerator = TSimd.ConditionalSelect(nonNegative, TSimd.MultiplyAdd(TSimd.Subtract(TSimd.Zero, y), e, oneMinusY), TSimd.MultiplyAdd(oneMinusY, e, TSimd.Subtract(TSimd.Zero, y)));
        return TSimd.Multiply(numerator, r);
    }

    /// <summary>e^x for x &lt;= 0 (NaN stays NaN).</summary>
    /// <remarks>
    /// Cody-Waite reduction x = n ln2 + r, |r| &lt;= ln2/2; a polynomial for e^r (double: the degree-13
    /// Taylor polynomial, error &lt; 1e-17; float: Cephes' expf polynomial, about 1 ulp); 2^n applied as two
    /// halves so subnormal results round once. Hand-written because <c>Vector512.Exp(double)</c> runs lane
    /// by lane on .NET 10 (about 3 ns per element).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ExpNonPositive(TVec x)
    {
        T shift = Constant(6755399441055744.0, 12582912f); // 1.5 * 2^52 (1.5 * 2^23): adding it rounds to an integer in the low bits.
        TVec shifted = TSimd.MultiplyAdd(x, TSimd.Broadcast(Constant(1.4426950408889634, 1.44269504088896341f)), TSimd.Broadcast(shift));
        TVec n = TSimd.Subtract(shifted, TSimd.Broadcast(shift));
        TVec r = TSimd.MultiplyAdd(n, TSimd.Broadcast(-Constant(6.93147180369123816490e-01, 0.693359375f)), x);
        r = TSimd.MultiplyAdd(n, TSimd.Broadcast(-Constant(1.90821492927058770002e-10, -2.12194440e-4f)), r);

        TVec p;
        if (typeof(T) == typeof(double))
        {
            p = TSimd.Broadcast(T.CreateTruncating(1.0 / 6227020800.0));
            p = Horner(p, r, 1.0 / 479001600.0);
            p = Horner(p, r, 1.0 / 39916800.0);
            p = Horner(p, r, 1.0 / 3628800.0);
            p = Horner(p, r, 1.0 / 362880.0);
            p = Horner(p, r, 1.0 / 40320.0);
            p = Horner(p, r, 1.0 / 5040.0);
            p = Horner(p, r, 1.0 / 720.0);
            p = Horner(p, r, 1.0 / 120.0);
            p = Horner(p, r, 1.0 / 24.0);
            p = Horner(p, r, 1.0 / 6.0);
            p = Horner(p, r, 0.5);
            p = Horner(p, r, 1.0);
            p = Horner(p, r, 1.0);
        }
        else
        {
            p = TSimd.Broadcast(T.CreateTruncating(1.9875691500E-4f));
            p = Horner(p, r, 1.3981999507E-3f);
            p = Horner(p, r, 8.3334519073E-3f);
            p = Horner(p, r, 4.1665795894E-2f);
            p = Horner(p, r, 1.6666665459E-1f);
            p = Horner(p, r, 5.0000001201E-1f);
            p = TSimd.MultiplyAdd(p, TSimd.Multiply(r, r), TSimd.Add(r, TSimd.Broadcast(T.One)));
        }

        TVec result = TSimd.ScaleByPowerOfTwo(p, shifted, shift);
        return TSimd.ConditionalSelect(TSimd.CompareGreaterThan(TSimd.Broadcast(Constant(-745.2, -104f)), x), TSimd.Zero, result);
    }

    /// <summary>log(w) for w in [1, 2].</summary>
    /// <remarks>
    /// w = 2^k f with f in [sqrt(1/2), sqrt(2)], log f = 2 atanh(s), s = (f-1)/(f+1), |s| &lt;= 0.172, summed to
    /// s^23 for double (series error &lt; 1e-18, plus the rounding of adding k ln2) and s^9 for float (below float rounding). f - 1 is exact, so w near 1
    /// keeps its digits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LogOneToTwo(TVec w)
    {
        TVec one = TSimd.Broadcast(T.One);
        TVec large = TSimd.CompareGreaterThan(w, TSimd.Broadcast(Constant(1.4142135623730951, 1.41421356f)));
        TVec f = TSimd.ConditionalSelect(large, TSimd.Multiply(w, TSimd.Broadcast(T.CreateTruncating(0.5))), w);
        TVec s = TSimd.Divide(TSimd.Subtract(f, one), TSimd.Add(f, one));
        TVec s2 = TSimd.Multiply(s, s);
        TVec q;
        if (typeof(T) == typeof(double))
        {
            q = TSimd.Broadcast(T.CreateTruncating(1.0 / 23));
            q = Horner(q, s2, 1.0 / 21);
            q = Horner(q, s2, 1.0 / 19);
            q = Horner(q, s2, 1.0 / 17);
            q = Horner(q, s2, 1.0 / 15);
            q = Horner(q, s2, 1.0 / 13);
            q = Horner(q, s2, 1.0 / 11);
            q = Horner(q, s2, 1.0 / 9);
            q = Horner(q, s2, 1.0 / 7);
            q = Horner(q, s2, 1.0 / 5);
            q = Horner(q, s2, 1.0 / 3);
        }
        else
        {
            q = TSimd.Broadcast(T.CreateTruncating(1f / 9));
            q = Horner(q, s2, 1f / 7);
            q = Horner(q, s2, 1f / 5);
            q = Horner(q, s2, 1f / 3);
        }

        TVec twoS = TSimd.Add(s, s);
        TVec logF = TSimd.MultiplyAdd(TSimd.Multiply(twoS, s2), q, twoS);
        return TSimd.Add(logF, TSimd.ConditionalSelect(large, TSimd.Broadcast(Constant(0.6931471805599453, 0.693147181f)), TSimd.Zero));
    }

    /// <summary>A mask whose last <paramref name="count"/> lanes are set, for overlapped tails: lanes of a row of 16 zeros, then 16 all-ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LastLanesMask(int count)
    {
        Debug.Assert((uint)count <= (uint)TSimd.Count, "count is a lane count");
        return TSimd.Load(in MaskRow[0], (nuint)(16 - TSimd.Count + count));
    }

    private static readonly T[] MaskRow = [.. new T[16], .. Enumerable.Repeat(Vector128<T>.AllBitsSet.ToScalar(), 16)];

    // One Horner step p * x + c. A float literal passes through double exactly, so float lanes get it as written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Horner(TVec p, TVec x, double coefficient) => TSimd.MultiplyAdd(p, x, TSimd.Broadcast(T.CreateTruncating(coefficient)));

    // A constant in the lane type: the double literal for double lanes, the float literal (as written) for float lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Constant(double forDouble, float forFloat) =>
        typeof(T) == typeof(double) ? T.CreateTruncating(forDouble) : T.CreateTruncating(forFloat);
}
