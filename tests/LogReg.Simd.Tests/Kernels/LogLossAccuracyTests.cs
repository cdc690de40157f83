using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The double log-loss where sigma saturates, to 1e-12 relative, against values derived here:
/// loss(z, y) = max(z, 0) - y z + log1p(e^-|z|), and log1p(u) = u - u^2/2 + u^3/3 - ... for small u.
/// A log(sigma(z)) implementation fails these: it returns 0 for loss(-50, 0) and infinity for loss(-1000, 1).
/// </summary>
public sealed class LogLossAccuracyTests
{
    // e^-50, from the power series of e^x to 30 digits: 1.92874984796391778301734281653e-22.
    private const double ExpMinus50 = 1.92874984796391778301734281653e-22;

    // log1p(e^-50) = u - u^2/2 + ...; u^2/2 ~ 1.9e-44 is far below u's last digit, so the sum is u.
    private const double Log1pExpMinus50 = ExpMinus50;

    public static TheoryData<double, double, double> Saturated() => new()
    {
        { -50, 0, Log1pExpMinus50 },
        { 50, 1, Log1pExpMinus50 },
        { 50, 0, 50 + Log1pExpMinus50 },
        { -50, 1, 50 + Log1pExpMinus50 },
        { 1000, 0, 1000 },
        { -1000, 1, 1000 },
        { 1e4, 0, 1e4 },
        { -1e4, 1, 1e4 },
        { 1000, 0.25, 750 },
        { -1000, 0.25, 250 },
        { 1e300, 0, 1e300 },
        { -1e300, 1, 1e300 },
    };

    /// <summary>Losses that are 0 up to e^-|z| &lt; 1e-434: the result must be 0 or below 1e-300.</summary>
    public static TheoryData<double, double> Vanishing() => new()
    {
        { 1000, 1 },
        { -1000, 0 },
        { 1e4, 1 },
        { -1e4, 0 },
        { double.MaxValue, 1 },
        { -double.MaxValue, 0 },
    };

    public static TheoryData<int> Widths() => TestData.AllWidths();

    [Theory]
    [MemberData(nameof(Saturated))]
    public void Scalar_IsAccurate_WhenSaturated(double z, double y, double expected)
    {
        double actual = LogisticFunctions.LogLoss(z, y);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"loss({z}, {y}) = {actual:R}, expected {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Vanishing))]
    public void Scalar_IsZero_WhenCorrectlyLabelledAndSaturated(double z, double y)
    {
        double actual = LogisticFunctions.LogLoss(z, y);
        Assert.InRange(actual, 0, 1e-300);
    }

    [Fact]
    public void Scalar_IsAccurate_WhereLog1pMatters()
    {
        // 1 + e^-20 is not 1 in double, so this checks the Kahan log1p branch: log1p(u) = u - u^2/2 + u^3/3 to 1e-27 relative.
        double u = Math.Exp(-20);
        double expected = u - (u * u / 2) + (u * u * u / 3);
        Assert.True(Math.Abs(LogisticFunctions.LogLoss(-20.0, 0.0) - expected) <= 1e-12 * expected);
        Assert.True(Math.Abs(LogisticFunctions.LogLoss(20.0, 0.0) - (20 + expected)) <= 1e-12 * 20);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Span_IsAccurate_WhenSaturated_AtEveryWidth(int width)
    {
        TheoryData<double, double, double> cases = Saturated();
        var rows = cases.Select(c => ((double)c[0], (double)c[1], (double)c[2])).ToArray();

        // Repeat the cases so they land in vector bodies and in tails.
        int length = (rows.Length * 3) + 1;
        double[] z = Enumerable.Range(0, length).Select(i => rows[i % rows.Length].Item1).ToArray();
        double[] y = Enumerable.Range(0, length).Select(i => rows[i % rows.Length].Item2).ToArray();
        var loss = new double[length];
        LogisticFunctions.LogLoss(z, y, loss, (SimdWidth)width);
        for (int i = 0; i < length; i++)
        {
            double expected = rows[i % rows.Length].Item3;
            Assert.True(Math.Abs(loss[i] - expected) <= 1e-12 * expected, $"{(SimdWidth)width}: loss({z[i]}, {y[i]}) = {loss[i]:R}, expected {expected:R}");
        }

        TheoryData<double, double> zeros = Vanishing();
        double[] z0 = zeros.Select(c => (double)c[0]).Concat(zeros.Select(c => (double)c[0])).ToArray();
        double[] y0 = zeros.Select(c => (double)c[1]).Concat(zeros.Select(c => (double)c[1])).ToArray();
        var loss0 = new double[z0.Length];
        LogisticFunctions.LogLoss(z0, y0, loss0, (SimdWidth)width);
        Assert.All(loss0, l => Assert.InRange(l, 0, 1e-300));
    }
}
