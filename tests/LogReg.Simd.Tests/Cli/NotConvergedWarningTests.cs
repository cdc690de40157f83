using LogReg.Cli;
using LogReg.Simd.Metrics;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Cli;

/// <summary>
/// The not-converged warning advises what can help for the reason the fit stopped, and never a flag that is
/// already set: more iterations do not help after a failed line search.
/// </summary>
public sealed class NotConvergedWarningTests
{
    [Theory]
    [InlineData(true, "; raise --max-iter (now 7).")]
    [InlineData(false, "; raise --max-iter (now 7) or use --standardize.")]
    public void IterationLimit_AdvisesMoreIterations(bool standardize, string advice)
    {
        string warning = Warning(ConvergenceReason.IterationLimit, standardize, Precision.Double);

        Assert.StartsWith("warning: not converged (iteration limit) after 7 iterations: max |gradient| 1.500E-002 > tol 0.0001", warning, StringComparison.Ordinal);
        Assert.EndsWith(advice, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, "; use --standardize (the data is badly conditioned) or --precision double.")]
    [InlineData(false, false, "; use --standardize (the data is badly conditioned).")]
    [InlineData(true, true, "; --precision double.")]
    [InlineData(true, false, "; the gradient cannot get smaller in double precision on this data: raise --tol (now 0.0001).")]
    public void LineSearchFailed_AdvisesConditioningOrPrecision_NeverMoreIterations(bool standardize, bool floatPrecision, string advice)
    {
        string warning = Warning(ConvergenceReason.LineSearchFailed, standardize, floatPrecision ? Precision.Float : Precision.Double);

        Assert.StartsWith("warning: not converged (line search failed) after 7 iterations", warning, StringComparison.Ordinal);
        Assert.EndsWith(advice, warning, StringComparison.Ordinal);
        Assert.DoesNotContain("--max-iter", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_GivesNoAdvice()
    {
        string warning = Warning(ConvergenceReason.Cancelled, standardize: false, Precision.Float);

        Assert.Equal("warning: not converged (cancelled) after 7 iterations: max |gradient| 1.500E-002 > tol 0.0001.", warning);
    }

    private static string Warning(ConvergenceReason reason, bool standardize, Precision precision)
    {
        var options = new LogisticRegressionOptions { Standardize = standardize, MaxIterations = 7, Tolerance = 1e-4 };
        var report = new TrainingReport(Solver.Lbfgs, 7, 9, 0.5, 0.015, 0.01, reason, [0.7, 0.5], TimeSpan.FromMilliseconds(1));
        var result = new TrainingResult<double>(new LogisticRegressionModel<double>([1.0], 0.0), report);
        var metrics = new BinaryClassificationReport(2, 0.5, default, 0.5, 0.75);
        return new TrainReport<double>("test", new LoadStats(DataLayout.Dense, 2, 1, 2, 0, TimeSpan.Zero), precision, options, result, metrics, TimeSpan.Zero, null).NotConvergedWarning();
    }
}
