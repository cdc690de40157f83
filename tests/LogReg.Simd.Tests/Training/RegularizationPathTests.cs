using LogReg.Simd.Training;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Training;

/// <summary>The regularization path: each model is the fit at its C, for less work than cold fits.</summary>
public sealed class RegularizationPathTests(ITestOutputHelper output)
{
    private static readonly double[] s_cs = [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100];

    [Fact]
    public void EachModel_EqualsAColdFitAtItsC_ForFewerIterations()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var options = new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-10, MaxIterations = 10_000 };

        RegularizationPathResult<double> path = RegularizationPath.Fit<double>(options, s_cs, bc.X, bc.Data.Y);

        Assert.Equal(s_cs, path.Steps.Select(step => step.C));
        int coldIterations = 0;
        for (int k = 0; k < s_cs.Length; k++)
        {
            TrainingResult<double> cold = new LogisticRegressionTrainer(options with { Regularization = Regularization.FromC(s_cs[k]) }).Fit<double>(bc.X, bc.Data.Y);
            TrainingResult<double> warm = path.Steps[k].Result;
            output.WriteLine($"C={s_cs[k]:G}: path {warm.Report.Iterations} iterations, cold {cold.Report.Iterations}");
            coldIterations += cold.Report.Iterations;
            Assert.True(warm.Report.Converged && cold.Report.Converged, $"C={s_cs[k]}: path {warm.Report.Reason}, cold {cold.Report.Reason}");
            Assert.Equal(cold.Report.Lambda, warm.Report.Lambda);
            WarmStartTests.AssertSameProbabilities(bc.X, cold.Model, warm.Model, 1e-6);
        }

        output.WriteLine($"total: path {path.TotalIterations} iterations, cold fits {coldIterations}");
        Assert.True(path.TotalIterations < coldIterations, $"path {path.TotalIterations} >= cold {coldIterations}");
    }

    [Fact]
    public void ThrowsForEmptyCs()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();

        var e = Assert.Throws<ArgumentException>(() => RegularizationPath.Fit<double>(LogisticRegressionOptions.Default, [], heart.X, heart.Data.Y));

        Assert.Contains("'cs' is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "'cs'[1]:0 must be")]
    [InlineData(-1.0, "'cs'[1]:-1 must be")]
    [InlineData(double.NaN, "'cs'[1]:NaN must be")]
    [InlineData(1e-320, "'cs'[1]:1E-320 must be")]
    public void ThrowsForABadC_NamingIndexAndValue(double c, string expected)
    {
        ReferenceProblem heart = ReferenceProblem.Heart();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RegularizationPath.Fit<double>(LogisticRegressionOptions.Default, [1.0, c], heart.X, heart.Data.Y));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_Throws()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RegularizationPath.Fit<double>(LogisticRegressionOptions.Default, s_cs, heart.X, heart.Data.Y, cancellationToken: cancellation.Token));
    }
}
