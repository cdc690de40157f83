using LogReg.Simd.Data;
using LogReg.Simd.Training;
using R = LogReg.Simd.Tests.Training.ReferenceLogisticRegression;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Training;

public sealed partial class LogisticRegressionTrainerTests
{
    private static readonly LogisticRegressionOptions s_tight = new() { Tolerance = 1e-9, MaxIterations = 1000 };

    [Fact]
    public void FromC_GivesLambdaOneOverCTimesTotalWeight()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var weights = new double[heart.Data.Rows];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = 0.5 + (i % 4);
        }

        double total = weights.Sum();
        var options = new LogisticRegressionOptions { Regularization = Regularization.FromC(0.3), MaxIterations = 3 };

        TrainingReport report = new LogisticRegressionTrainer(options).Fit<double>(heart.X, heart.Data.Y, weights).Report;

        Assert.Equal(1.0 / (0.3 * total), report.Lambda, 15);
        Assert.Equal(1.0 / (0.3 * heart.Data.Rows), new LogisticRegressionTrainer(options).Fit<double>(heart.X, heart.Data.Y).Report.Lambda, 15);
    }

    [Fact]
    public void BalancedClassWeight_EqualsExplicitWeightsComputedByHand()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        double[] y = heart.Data.Y;
        int positives = y.Count(v => v == 1), negatives = y.Length - positives;
        double negativeWeight = y.Length / (2.0 * negatives), positiveWeight = y.Length / (2.0 * positives);
        Assert.NotEqual(negativeWeight, positiveWeight, 6);

        TrainingResult<double> balanced = new LogisticRegressionTrainer(s_tight with { ClassWeight = ClassWeight.Balanced }).Fit<double>(heart.X, y);
        TrainingResult<double> byHand = new LogisticRegressionTrainer(s_tight with { ClassWeight = ClassWeight.Explicit(negativeWeight, positiveWeight) }).Fit<double>(heart.X, y);
        double[] sampleWeights = Array.ConvertAll(y, v => v == 1 ? positiveWeight : negativeWeight);
        TrainingResult<double> asSampleWeights = new LogisticRegressionTrainer(s_tight).Fit<double>(heart.X, y, sampleWeights);
        TrainingResult<double> unweighted = new LogisticRegressionTrainer(s_tight).Fit<double>(heart.X, y);

        Assert.Equal(byHand.Model.Weights.ToArray(), balanced.Model.Weights.ToArray());
        Assert.Equal(byHand.Model.Bias, balanced.Model.Bias);
        AssertClose(asSampleWeights.Model.Weights, asSampleWeights.Model.Bias, balanced.Model.Weights, balanced.Model.Bias, 1e-6);
        Assert.True(Math.Abs(unweighted.Model.Bias - balanced.Model.Bias) > 1e-3, "class weights changed nothing");

        // The weighted minimizer is the independent Newton solution of the weighted objective.
        double[] s = Array.ConvertAll(y, v => v == 1 ? positiveWeight : negativeWeight);
        (double[] theta, _) = R.Newton(heart.Data.X, y, s, y.Length, heart.Data.Columns, balanced.Report.Lambda);
        AssertClose(theta.AsSpan(0, heart.Data.Columns), theta[^1], balanced.Model.Weights, balanced.Model.Bias, 1e-6);
    }

    [Fact]
    public void SampleWeightOfTwo_EqualsDuplicatedRows()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        int m = heart.Data.Rows, n = heart.Data.Columns;
        var weights = new double[m];
        var duplicatedX = new List<double>(heart.Data.X);
        var duplicatedY = new List<double>(heart.Data.Y);
        for (int i = 0; i < m; i++)
        {
            weights[i] = i % 3 == 0 ? 2 : 1;
            if (i % 3 == 0)
            {
                duplicatedX.AddRange(heart.Data.X.AsSpan(i * n, n).ToArray());
                duplicatedY.Add(heart.Data.Y[i]);
            }
        }

        // S is the same either way, so C maps to the same lambda and the minimizers agree.
        TrainingResult<double> weighted = new LogisticRegressionTrainer(s_tight).Fit<double>(heart.X, heart.Data.Y, weights);
        TrainingResult<double> duplicated = new LogisticRegressionTrainer(s_tight).Fit<double>(new ReadOnlyMatrixSpan<double>(duplicatedX.ToArray(), duplicatedY.Count, n), duplicatedY.ToArray());

        Assert.Equal(duplicated.Report.Lambda, weighted.Report.Lambda, 15);
        Assert.Equal(duplicated.Report.Objective, weighted.Report.Objective, 12);
        AssertClose(duplicated.Model.Weights, duplicated.Model.Bias, weighted.Model.Weights, weighted.Model.Bias, 1e-6);
    }

    [Fact]
    public void Progress_ReceivesEachIterationInOrder()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var progress = new RecordingProgress();

        TrainingReport report = new LogisticRegressionTrainer(s_tight).Fit<double>(heart.X, heart.Data.Y, progress: progress).Report;

        Assert.Equal(Enumerable.Range(1, report.Iterations), progress.Reports.Select(p => p.Iteration));
        Assert.Equal(report.ObjectiveHistory.Skip(1), progress.Reports.Select(p => p.Objective));
        Assert.Equal(report.Iterations + 1, report.ObjectiveHistory.Count);
        Assert.Equal(report.Objective, progress.Reports[^1].Objective);
        Assert.Equal(report.GradientNorm, progress.Reports[^1].GradientNorm);
        Assert.All(progress.Reports, p => Assert.True(p.StepSize > 0, $"iteration {p.Iteration}: step {p.StepSize}"));

        // Elapsed is the fit's clock: it never runs backwards and ends within the report's total.
        Assert.Equal(progress.Reports.Select(p => p.Elapsed).Order(), progress.Reports.Select(p => p.Elapsed));
        Assert.True(progress.Reports[^1].Elapsed <= report.Elapsed, $"last progress {progress.Reports[^1].Elapsed} > fit {report.Elapsed}");
        // Every accepted step decreases J in exact arithmetic (strong Wolfe, or the slope test on a convex J).
        // Near the optimum the decrease is below J's own rounding, so the computed J may move by an ulp or two.
        for (int k = 1; k < report.ObjectiveHistory.Count; k++)
        {
            double previous = report.ObjectiveHistory[k - 1];
            double roundingSlack = 4 * (Math.BitIncrement(previous) - previous);
            Assert.True(report.ObjectiveHistory[k] <= previous + roundingSlack, $"J rose at iteration {k}: {previous:R} -> {report.ObjectiveHistory[k]:R}");
        }
    }

    [Theory]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    [InlineData(Solver.MiniBatchSgd)]
    public void Cancellation_FromProgress_StopsWithCancelled(Solver solver)
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        using var source = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Iteration == 3)
            {
                source.Cancel();
            }
        });
        var options = s_tight with { Solver = solver, Tolerance = 1e-12 };

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(heart.X, heart.Data.Y, progress: progress, cancellationToken: source.Token);

        Assert.Equal(ConvergenceReason.Cancelled, result.Report.Reason);
        Assert.False(result.Report.Converged);
        Assert.Equal(3, result.Report.Iterations);
        Assert.Equal(3, progress.Reports.Count);
        Assert.Equal(ConvergenceReason.Cancelled, result.Model.Metadata!.Reason);
        Assert.NotEqual(0.0, result.Model.Bias);
    }

    [Theory]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    [InlineData(Solver.MiniBatchSgd)]
    public void TinyMaxIterations_StopsWithIterationLimit(Solver solver)
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var options = bc.Options(new LogisticRegressionOptions { Solver = solver, MaxIterations = 2, Tolerance = 1e-8 });

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(bc.X, bc.Data.Y);

        Assert.Equal(ConvergenceReason.IterationLimit, result.Report.Reason);
        Assert.Equal(2, result.Report.Iterations);
        Assert.Equal(3, result.Report.ObjectiveHistory.Count);
        Assert.True(result.Report.GradientNorm > 1e-8);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WarmStart_FromConvergedModel_ConvergesAtOnce(bool standardize)
    {
        // Raw breast cancer features span 1e-3 to 4e3 and take thousands of iterations; heart's raw features are in [-1, 1].
        ReferenceProblem bc = standardize ? ReferenceProblem.BreastCancer(1.0) : ReferenceProblem.Heart();
        var options = new LogisticRegressionOptions { Standardize = standardize, Tolerance = 1e-6, MaxIterations = 1000 };
        var trainer = new LogisticRegressionTrainer(options);
        TrainingResult<double> cold = trainer.Fit<double>(bc.X, bc.Data.Y);
        Assert.True(cold.Report.Converged, $"cold fit: {cold.Report.Reason}");

        TrainingResult<double> warm = trainer.Fit<double>(bc.X, bc.Data.Y, warmStart: cold.Model);

        output.WriteLine($"standardize={standardize}: cold {cold.Report.Iterations} iterations; warm {warm.Report.Iterations} iterations, max|g| {warm.Report.GradientNorm:E3}");
        Assert.True(warm.Report.Converged);
        Assert.InRange(warm.Report.Iterations, 0, 2);
        Assert.Equal(cold.Report.Objective, warm.Report.ObjectiveHistory[0], 9);
    }

    [Fact]
    public void WarmStart_FromRawModel_CarriesTheFunctionIntoStandardizedSpace()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        TrainingResult<double> raw = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 1000 }).Fit<double>(bc.X, bc.Data.Y);
        var rawModel = new LogReg.Simd.Model.LogisticRegressionModel<double>(raw.Model.RawWeights, raw.Model.RawBias);
        var options = new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 1000 };

        TrainingResult<double> warm = new LogisticRegressionTrainer(options).Fit<double>(bc.X, bc.Data.Y, warmStart: rawModel);

        Assert.InRange(warm.Report.Iterations, 0, 2);
        Assert.Equal(raw.Report.Objective, warm.Report.ObjectiveHistory[0], 9);
    }

    [Fact]
    public void NoIntercept_KeepsBiasZero_AndMatchesNewtonWithoutBias()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        var options = new LogisticRegressionOptions { FitIntercept = false, Tolerance = 1e-9, MaxIterations = 1000 };

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(heart.X, heart.Data.Y);

        (double[] theta, _) = R.Newton(heart.Data.X, heart.Data.Y, null, heart.Data.Rows, heart.Data.Columns, heart.Lambda, fitIntercept: false);
        Assert.Equal(0.0, result.Model.Bias);
        Assert.True(result.Report.Converged);
        AssertClose(theta.AsSpan(0, heart.Data.Columns), 0, result.Model.Weights, result.Model.Bias, 1e-7);
        Assert.False(result.Model.Metadata!.FitIntercept);
    }

    [Fact]
    public void Metadata_RepeatsOptionsAndReport()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(0.05);
        var options = bc.Options(new LogisticRegressionOptions { ClassWeight = ClassWeight.Balanced, Tolerance = 1e-7, MaxIterations = 500 });

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(bc.X, bc.Data.Y);

        LogReg.Simd.Model.TrainingMetadata metadata = result.Model.Metadata!;
        Assert.Equal(new LogReg.Simd.Model.TrainingMetadata(Solver.Lbfgs, result.Report.Iterations, result.Report.Objective, result.Report.GradientNorm, result.Report.Reason, result.Report.Lambda, 0.05, ClassWeight.Balanced, true, true, 1e-7, 500, bc.Data.Rows), metadata);

        // The model keeps the scaler fitted on the training data.
        var scaler = LogReg.Simd.Data.StandardScaler<double>.Fit(bc.X);
        Assert.Equal(scaler.Means.ToArray(), result.Model.Scaler!.Means.ToArray());
        Assert.Equal(scaler.Scales.ToArray(), result.Model.Scaler.Scales.ToArray());
    }

    private static void AssertClose(ReadOnlySpan<double> expectedW, double expectedB, ReadOnlySpan<double> actualW, double actualB, double tolerance)
    {
        Assert.Equal(expectedW.Length, actualW.Length);
        for (int j = 0; j < expectedW.Length; j++)
        {
            Assert.True(Math.Abs(expectedW[j] - actualW[j]) <= tolerance, $"w[{j}]: {expectedW[j]:R} vs {actualW[j]:R}");
        }

        Assert.True(Math.Abs(expectedB - actualB) <= tolerance, $"b: {expectedB:R} vs {actualB:R}");
    }

    /// <summary>Records synchronously on the fitting thread (Progress{T} would post to a context).</summary>
    private sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
