using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Training;

/// <summary>Warm start from raw coefficients, with every solver.</summary>
public sealed class WarmStartTests(ITestOutputHelper output)
{
    public static TheoryData<Solver> Solvers => new() { Solver.Lbfgs, Solver.GradientDescent, Solver.MiniBatchSgd };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void StartAtTheOptimum_StopsAtOnce_WhileAColdStartDoesNot(Solver solver)
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var options = new LogisticRegressionOptions { Solver = solver, Tolerance = 1e-6, MaxIterations = 50, LearningRate = 0.5 };
        var trainer = new LogisticRegressionTrainer(options);

        TrainingResult<double> warm = trainer.Fit<double>(heart.X, heart.Data.Y, default, heart.Theta.AsSpan(0, heart.Data.Columns), heart.Theta[^1]);
        TrainingResult<double> cold = trainer.Fit<double>(heart.X, heart.Data.Y);

        output.WriteLine($"{solver}: warm {warm.Report.Iterations} iterations (max|g| {warm.Report.GradientNorm:E2}), cold {cold.Report.Iterations} ({cold.Report.Reason})");
        Assert.True(warm.Report.Converged, $"warm: {warm.Report.Reason}");
        Assert.InRange(warm.Report.Iterations, 0, 1);
        Assert.Equal(heart.Objective, warm.Report.ObjectiveHistory[0], 12);
        Assert.True(cold.Report.Iterations > 5, $"cold start took {cold.Report.Iterations} iterations");
    }

    [Fact]
    public void StartNearTheOptimum_TakesFewerIterations_AndReachesTheSameModel()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var options = new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-10, MaxIterations = 1000 };
        TrainingResult<double> neighbour = new LogisticRegressionTrainer(options with { Regularization = Regularization.FromC(0.5) }).Fit<double>(bc.X, bc.Data.Y);
        var trainer = new LogisticRegressionTrainer(options);

        TrainingResult<double> cold = trainer.Fit<double>(bc.X, bc.Data.Y);
        TrainingResult<double> warm = trainer.Fit<double>(bc.X, bc.Data.Y, default, neighbour.Model.RawWeights, neighbour.Model.RawBias);

        output.WriteLine($"cold {cold.Report.Iterations} iterations, warm from C=0.5: {warm.Report.Iterations}");
        Assert.True(cold.Report.Converged && warm.Report.Converged);
        Assert.True(warm.Report.Iterations < cold.Report.Iterations, $"warm {warm.Report.Iterations} >= cold {cold.Report.Iterations}");
        Assert.Equal(cold.Report.Objective, warm.Report.Objective, 12);
        AssertSameProbabilities(bc.X, cold.Model, warm.Model, 1e-7);
    }

    [Fact]
    public void CoefficientsAndModel_GiveTheSameStart()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 3 });
        TrainingResult<double> start = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true, MaxIterations = 5 }).Fit<double>(bc.X, bc.Data.Y);

        TrainingResult<double> fromModel = trainer.Fit<double>(bc.X, bc.Data.Y, warmStart: start.Model);
        TrainingResult<double> fromCoefficients = trainer.Fit<double>(bc.X, bc.Data.Y, default, start.Model.RawWeights, start.Model.RawBias);

        Assert.Equal(fromModel.Report.ObjectiveHistory, fromCoefficients.Report.ObjectiveHistory);
        Assert.Equal(fromModel.Model.Weights.ToArray(), fromCoefficients.Model.Weights.ToArray());
    }

    [Fact]
    public void FloatFit_FromDoubleOptimum_StopsAtOnce()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Tolerance = 1e-5, MaxIterations = 100 });
        var x = new ReadOnlyMatrixSpan<float>(heart.Data.XAsFloat(), heart.Data.Rows, heart.Data.Columns);

        TrainingResult<float> warm = trainer.Fit<float>(x, heart.Data.YAsFloat(), default, heart.Theta.AsSpan(0, heart.Data.Columns), heart.Theta[^1]);

        Assert.True(warm.Report.Converged, $"{warm.Report.Reason}, max|g| {warm.Report.GradientNorm:E2}");
        Assert.InRange(warm.Report.Iterations, 0, 1);
    }

    [Fact]
    public void Coefficients_ThrowForWrongLength_NamingBothCounts()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var trainer = new LogisticRegressionTrainer(LogisticRegressionOptions.Default);

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit<double>(heart.X, heart.Data.Y, default, new double[12], 0.0));

        Assert.Equal("initialWeights", e.ParamName);
        Assert.Contains("'initialWeights' has 12 weights but 'x' has 13 columns", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 0.0, "'initialWeights'[4]:NaN must be finite.")]
    [InlineData(1.0, double.PositiveInfinity, "'initialBias':Infinity must be finite.")]
    public void Coefficients_ThrowForNonFiniteValues_NamingIndexAndValue(double weight, double bias, string expected)
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var trainer = new LogisticRegressionTrainer(LogisticRegressionOptions.Default);
        var weights = new double[13];
        weights[4] = weight;

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit<double>(heart.X, heart.Data.Y, default, weights, bias));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    internal static void AssertSameProbabilities(ReadOnlyMatrixSpan<double> x, LogisticRegressionModel<double> expected, LogisticRegressionModel<double> actual, double tolerance)
    {
        var p = new double[x.Rows];
        var q = new double[x.Rows];
        expected.PredictProbabilities(x, p);
        actual.PredictProbabilities(x, q);
        double gap = p.Zip(q, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(gap <= tolerance, $"max |p - p_expected| = {gap:E3} > {tolerance:E1}");
    }
}
