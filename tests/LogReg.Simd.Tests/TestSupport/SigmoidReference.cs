namespace LogReg.Simd.Tests.TestSupport;

/// <summary>
/// A reference sigmoid for double, accurate to about 2^-100 relative: exp in double-double arithmetic
/// (argument reduction by ln 2 held to 107 bits, then a 30-term Taylor series on |r| &lt;= 0.35), then
/// e / (1 + e) or 1 / (1 + e) in double-double. The result is kept as a double-double mantissa and a
/// power of two, so subnormal results are measured in units of 2^-1074 without losing digits.
/// </summary>
internal static class SigmoidReference
{
    // ln 2 = Ln2Hi + Ln2Lo to 107 bits.
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17;

    /// <summary>sigma(z) = (Hi + Lo) * 2^Exponent, for |z| &lt;= 800.</summary>
    public static (double Hi, double Lo, int Exponent) Sigmoid(double z)
    {
        if (!(Math.Abs(z) <= 800))
        {
            throw new ArgumentOutOfRangeException(nameof(z));
        }

        (double mHi, double mLo, int k) = Exp(-Math.Abs(z));
        double eHi = Math.ScaleB(mHi, k), eLo = Math.ScaleB(mLo, k);
        (double dHi, double dLo) = Add(1, 0, eHi, eLo);
        if (z >= 0)
        {
            (double hi, double lo) = Divide(1, 0, dHi, dLo);
            return (hi, lo, 0);
        }

        (double qHi, double qLo) = Divide(mHi, mLo, dHi, dLo);
        return (qHi, qLo, k);
    }

    /// <summary>The residual sigma(z) - y = (Hi + Lo) * 2^Exponent, for |z| &lt;= 800 and y in [0, 1].</summary>
    /// <remarks>
    /// Built independently of the formula under test: sigma(z) - y = (1 - y) - sigma(-z) for z &gt;= 0 and
    /// sigma(z) - y for z &lt; 0, so the only sigma used is sigma(-|z|) &lt;= 1/2, which <see cref="Sigmoid"/> gives
    /// to about 2^-100 relative as a mantissa and a power of two (it never underflows, even at e^-800). 1 - y is
    /// exact in double-double (TwoSum), so the one remaining rounding, the double-double subtraction, errs by
    /// about 2^-104 (|1 - y| + sigma(-|z|)) for z &gt;= 0 (|y| + sigma(-|z|) for z &lt; 0): tens of bits below the
    /// few-ulp bounds tested. When the label term is exactly 0 (y = 1, z &gt;= 0 or y = 0, z &lt; 0) the result is
    /// &#177;sigma(-|z|) with its own exponent, so tests can measure a residual of 1e-348 without underflow.
    /// </remarks>
    public static (double Hi, double Lo, int Exponent) Residual(double z, double y)
    {
        bool nonNegative = z >= 0;
        (double sHi, double sLo, int k) = Sigmoid(-Math.Abs(z));
        (double cHi, double cLo) = nonNegative ? TwoSum(1, -y) : (-y, 0);
        double sign = nonNegative ? -1 : 1;
        if (cHi == 0)
        {
            return (sign * sHi, sign * sLo, k);
        }

        (double hi, double lo) = Add(cHi, cLo, sign * Math.ScaleB(sHi, k), sign * Math.ScaleB(sLo, k));
        return (hi, lo, 0);
    }

    /// <summary>The error of <paramref name="value"/> in ulps of the reference <paramref name="reference"/> = (hi + lo) 2^k.</summary>
    public static double UlpError(double value, (double Hi, double Lo, int K) reference)
    {
        (double hi, double lo, int k) = reference;
        double rounded = Math.ScaleB(hi, k);
        double ulp = rounded == 0 ? double.Epsilon : Math.BitIncrement(rounded) - rounded;
        double scaledValue = Math.ScaleB(value, -k);
        return Math.Abs((scaledValue - hi) - lo) / Math.ScaleB(ulp, -k);
    }

    // e^x = m 2^k, m in double-double, for x <= 0.
    private static (double Hi, double Lo, int K) Exp(double x)
    {
        double k = Math.Round(x / Ln2Hi);
        (double pHi, double pLo) = TwoProduct(k, Ln2Hi);
        (double rHi, double rLo) = Add(x, 0, -pHi, -pLo);
        (rHi, rLo) = Add(rHi, rLo, -k * Ln2Lo, -Math.FusedMultiplyAdd(k, Ln2Lo, -(k * Ln2Lo)));

        // Horner: sum_{i<=30} r^i / i!.
        double sHi = 1, sLo = 0;
        for (int i = 30; i >= 1; i--)
        {
            (sHi, sLo) = Multiply(sHi, sLo, rHi, rLo);
            (sHi, sLo) = Divide(sHi, sLo, i, 0);
            (sHi, sLo) = Add(sHi, sLo, 1, 0);
        }

        return (sHi, sLo, (int)k);
    }

    private static (double Hi, double Lo) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    private static (double Hi, double Lo) TwoProduct(double a, double b)
    {
        double p = a * b;
        return (p, Math.FusedMultiplyAdd(a, b, -p));
    }

    private static (double Hi, double Lo) Add(double aHi, double aLo, double bHi, double bLo)
    {
        (double s, double e) = TwoSum(aHi, bHi);
        (double t, double f) = TwoSum(aLo, bLo);
        e += t;
        (s, e) = TwoSum(s, e);
        e += f;
        return TwoSum(s, e);
    }

    private static (double Hi, double Lo) Multiply(double aHi, double aLo, double bHi, double bLo)
    {
        (double p, double e) = TwoProduct(aHi, bHi);
        e += (aHi * bLo) + (aLo * bHi);
        return TwoSum(p, e);
    }

    private static (double Hi, double Lo) Divide(double aHi, double aLo, double bHi, double bLo)
    {
        // Long division: q1 = a / b, remainder, q2 = remainder / b, q3 as a correction.
        double q1 = aHi / bHi;
        (double rHi, double rLo) = Add(aHi, aLo, -Multiply(q1, 0, bHi, bLo).Hi, -Multiply(q1, 0, bHi, bLo).Lo);
        double q2 = rHi / bHi;
        (double pHi, double pLo) = Multiply(q2, 0, bHi, bLo);
        (rHi, rLo) = Add(rHi, rLo, -pHi, -pLo);
        double q3 = rHi / bHi;
        (double hi, double lo) = TwoSum(q1, q2);
        return Add(hi, lo, q3, 0);
    }
}

/// <summary>Distances in units in the last place.</summary>
internal static class Ulps
{
    /// <summary>How many floats lie between <paramref name="a"/> and <paramref name="b"/> (0 when equal; ±0 are equal).</summary>
    public static long Between(float a, float b) => Math.Abs(Ordinal(a) - Ordinal(b));

    /// <summary>How many doubles lie between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Between(double a, double b) => Math.Abs((double)Ordinal(a) - Ordinal(b));

    // Maps floats to integers monotonically, -0 and +0 to the same integer.
    private static long Ordinal(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? -(long)(bits & int.MaxValue) : bits;
    }

    private static long Ordinal(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? -(bits & long.MaxValue) : bits;
    }
}
