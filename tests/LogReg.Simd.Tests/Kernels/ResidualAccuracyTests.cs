using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The residual sigma(z) - y against the double-double reference <see cref="SigmoidReference.Residual"/>, for
/// |z| up to 800 and hard or soft labels, scalar and span at every supported width, float and double.
/// </summary>
/// <remarks>
/// <para>
/// The bound, with S = (|1 - y| + y e) / (1 + e) for z &gt;= 0 and (|1 - y| e + y) / (1 + e) for z &lt; 0
/// (e = e^-|z|), the sum of the magnitudes of the two terms of the exact residual:
/// |error| &lt;= <see cref="DoubleBound"/> eps S in double and <see cref="FloatBound"/> eps S in float
/// (eps = 2^-52 or 2^-23), plus two spacings of the subnormal range (<c>Epsilon</c>) where the result is
/// that small. For labels 0 and 1, S = |sigma(z) - y|, so this is a relative error of a few ulps; a soft
/// label whose residual cancels (sigma(z) close to y) is held to the error of a correct subtraction.
/// </para>
/// <para>
/// Why: e costs about 1 ulp, and 1 - y, y e, their difference, 1/(1 + e) and the product are one rounding
/// (half an ulp) each: about 3.5 ulps of S, 1.75 eps S, in the worst case. Measured on a grid
/// (<see cref="Grid_IsWithinBound_AndPrintsTheWorstError"/>): 1.35 eps S in double, 0.48 in float computed in
/// double, 1.41 in the float lane type (Cephes' expf). The bounds leave about 1.5x and 2x of room.
/// </para>
/// </remarks>
public sealed class ResidualAccuracyTests(ITestOutputHelper output)
{
    public const double DoubleBound = 2;

    public const double FloatBound = 3;

    // |z| up to 800 at a resolution of 1e-6, the range around where sigma saturates, and exact points of interest.
    private static readonly Gen<double> Logits = Gen.OneOf(
        Gen.Choose(-800_000_000, 800_000_000).Select(i => i / 1e6),
        Gen.Choose(-40_000_000, 40_000_000).Select(i => i / 1e6),
        Gen.Elements(0.0, 30, -30, 36.5, -36.5, 37, -37, 100, -100, 104, -104, 708, -708, 745, -745, 800, -800));

    private static readonly Gen<double> Labels = Gen.OneOf(
        Gen.Elements(0.0, 1.0),
        Gen.Choose(0, 1_000_000).Select(i => i / 1e6));

    private static readonly Gen<(double Z, double Y)[]> Pairs =
        Gen.ArrayOf(from z in Logits from y in Labels select (z, y)).Where(a => a.Length > 0);

    public static TheoryData<double, double, double> Saturated() => new()
    {
        // sigma(z) - y for y = 1 is -e^-z / (1 + e^-z); values from Python's decimal at 40 digits, rounded to 17.
        { 30, 1, -9.3576229688392990e-14 },
        { 37, 1, -8.5330476257440651e-17 },
        { 50, 1, -1.9287498479639178e-22 },
        { -30, 0, 9.3576229688392990e-14 },
        { -37, 0, 8.5330476257440651e-17 },
        { -50, 0, 1.9287498479639178e-22 },
    };

    [Theory]
    [MemberData(nameof(Saturated))]
    public void Scalar_IsAccurate_ForCorrectlyClassifiedSaturatedRows(double z, double y, double expected)
    {
        // The rounded-sigma residual is -8.4e-14 at z = 30 (1e-3 relative) and exactly 0 from z = 37.
        double actual = LogisticFunctions.Residual(z, y);
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"residual({z}, {y}) = {actual:R}, expected {expected:R}");

        float single = LogisticFunctions.Residual((float)z, (float)y);
        Assert.True(Math.Abs(single - expected) <= 1e-6 * Math.Abs(expected), $"float residual({z}, {y}) = {single:R}, expected {expected:R}");
    }

    [Fact]
    public void Scalar_IsExact_AtInfiniteLogits_AndNaNPropagates()
    {
        Assert.Equal(0.75, LogisticFunctions.Residual(double.PositiveInfinity, 0.25));
        Assert.Equal(-0.25, LogisticFunctions.Residual(double.NegativeInfinity, 0.25));
        Assert.Equal(0.0, LogisticFunctions.Residual(double.PositiveInfinity, 1.0));
        Assert.True(double.IsNaN(LogisticFunctions.Residual(double.NaN, 1.0)));
        Assert.True(double.IsNaN(LogisticFunctions.Residual(1.0, double.NaN)));
    }

    [Property(MaxTest = 300)]
    public Property Double_IsWithinBound_ScalarAndEveryWidth() =>
        Prop.ForAll(Arb.From(Pairs), pairs =>
        {
            double[] z = pairs.Select(p => p.Z).ToArray();
            double[] y = pairs.Select(p => p.Y).ToArray();
            for (int i = 0; i < z.Length; i++)
            {
                AssertWithinBound(LogisticFunctions.Residual(z[i], y[i]), z[i], y[i], Math.ScaleB(DoubleBound, -52), double.Epsilon, "scalar");
            }

            var actual = new double[z.Length];
            foreach (SimdWidth width in SimdWidths.All)
            {
                LogisticFunctions.Residual(z, y, actual, width, inLaneType: false);
                for (int i = 0; i < z.Length; i++)
                {
                    AssertWithinBound(actual[i], z[i], y[i], Math.ScaleB(DoubleBound, -52), double.Epsilon, width.ToString());
                }
            }
        });

    [Property(MaxTest = 300)]
    public Property Float_IsWithinBound_ScalarAndEveryWidth_InDoubleAndInTheLaneType() =>
        Prop.ForAll(Arb.From(Pairs), pairs =>
        {
            float[] z = pairs.Select(p => (float)p.Z).ToArray();
            float[] y = pairs.Select(p => (float)p.Y).ToArray();
            for (int i = 0; i < z.Length; i++)
            {
                AssertWithinBound(LogisticFunctions.Residual(z[i], y[i]), z[i], y[i], Math.ScaleB(FloatBound, -23), float.Epsilon, "scalar");
            }

            var actual = new float[z.Length];
            foreach (SimdWidth width in SimdWidths.All)
            {
                foreach (bool inLaneType in new[] { false, true })
                {
                    LogisticFunctions.Residual(z, y, actual, width, inLaneType);
                    for (int i = 0; i < z.Length; i++)
                    {
                        AssertWithinBound(actual[i], z[i], y[i], Math.ScaleB(FloatBound, -23), float.Epsilon, $"{width}, in lane type {inLaneType}");
                    }
                }
            }
        });

    /// <summary>A grid over [-800, 800] with hard and soft labels at every path; prints the worst error in units of eps S.</summary>
    [Fact]
    public void Grid_IsWithinBound_AndPrintsTheWorstError()
    {
        double[] labels = [0, 1, 0.5, 0.3, 0.999999, 1e-6];
        var zs = new List<double>();
        for (double v = -800; v <= 800; v += 0.173)
        {
            zs.Add(v);
        }

        double[] z = zs.SelectMany(value => labels.Select(_ => value)).ToArray();
        double[] y = zs.SelectMany(_ => labels).ToArray();
        float[] zf = Array.ConvertAll(z, v => (float)v);
        float[] yf = Array.ConvertAll(y, v => (float)v);
        var actual = new double[z.Length];
        var actualFloat = new float[z.Length];
        foreach (SimdWidth width in SimdWidths.All)
        {
            LogisticFunctions.Residual(z, y, actual, width, inLaneType: false);
            double worst = Enumerable.Range(0, z.Length).Max(i => ErrorInUnits(actual[i], z[i], y[i], Math.ScaleB(1, -52), double.Epsilon));
            foreach (bool inLaneType in new[] { false, true })
            {
                LogisticFunctions.Residual(zf, yf, actualFloat, width, inLaneType);
                double worstFloat = Enumerable.Range(0, z.Length).Max(i => ErrorInUnits(actualFloat[i], zf[i], yf[i], Math.ScaleB(1, -23), float.Epsilon));
                output.WriteLine($"{width}: double {worst:F3} eps S, float (in lane type {inLaneType}) {worstFloat:F3} eps S");
                Assert.True(worstFloat <= FloatBound, $"{width}, float in lane type {inLaneType}: {worstFloat} eps S");
            }

            Assert.True(worst <= DoubleBound, $"{width}, double: {worst} eps S");
        }
    }

    [Fact]
    public void Span_MatchesScalar_AndAcceptsInPlace()
    {
        double[] z = [-800, -37, -1, 0, 0.5, 37, 800, 3];
        double[] y = [0, 0, 1, 0.5, 0.25, 1, 1, 0.75];
        double[] expected = z.Select((v, i) => LogisticFunctions.Residual(v, y[i])).ToArray();

        LogisticFunctions.Residual(z, y, z);

        Assert.Equal(expected, z);
    }

    [Fact]
    public void Span_ThrowsFor_LengthMismatch_ShortDestination_AndPartialOverlap()
    {
        double[] buffer = new double[8];
        ArgumentException mismatch = Assert.Throws<ArgumentException>(() => LogisticFunctions.Residual<double>(new double[3], new double[2], new double[3]));
        Assert.Equal("y", mismatch.ParamName);
        ArgumentException shortDestination = Assert.Throws<ArgumentException>(() => LogisticFunctions.Residual<double>(new double[3], new double[3], new double[2]));
        Assert.Equal("destination", shortDestination.ParamName);
        ArgumentException overlap = Assert.Throws<ArgumentException>(() => LogisticFunctions.Residual<double>(buffer.AsSpan(0, 4), new double[4], buffer.AsSpan(1, 4)));
        Assert.Equal("destination", overlap.ParamName);
    }

    /// <summary>The error of one residual against the reference, within <paramref name="unit"/> S plus two <paramref name="spacing"/>s.</summary>
    private static void AssertWithinBound(double value, double z, double y, double unit, double spacing, string path)
    {
        (double hi, double lo, int k) = SigmoidReference.Residual(z, y);

        // Measured in units of 2^k, so a reference of 1e-348 keeps its digits; value * 2^-k is exact.
        double error = Math.Abs((Math.ScaleB(value, -k) - hi) - lo);
        double scale = k == 0 ? Scale(z, y) : Math.Abs(hi);
        double bound = (unit * scale) + Math.ScaleB(2 * spacing, -k);
        if (!(error <= bound))
        {
            Assert.Fail($"{path}: residual({z:R}, {y:R}) = {value:R}, reference ({hi:R} + {lo:R}) * 2^{k}: error {error / scale:E2} S, bound {unit:E2} S");
        }
    }

    // The error in units of unit * S once the two subnormal spacings are granted (0 when within them).
    private static double ErrorInUnits(double value, double z, double y, double unit, double spacing)
    {
        (double hi, double lo, int k) = SigmoidReference.Residual(z, y);
        double error = Math.Max(0, Math.Abs((Math.ScaleB(value, -k) - hi) - lo) - Math.ScaleB(2 * spacing, -k));
        double scale = k == 0 ? Scale(z, y) : Math.Abs(hi);
        return error == 0 ? 0 : error / (unit * scale);
    }

    private static double Scale(double z, double y)
    {
        double e = Math.Exp(-Math.Abs(z));
        return (z >= 0 ? (1 - y) + (y * e) : ((1 - y) * e) + y) / (1 + e);
    }
}
