using LogReg.Simd.Data;
using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Training;

public sealed partial class LogisticRegressionTrainerTests
{
    [Theory]
    [InlineData(Solver.GradientDescent)]
    [InlineData(Solver.MiniBatchSgd)]
    public void Fit_TooLargeLearningRate_ThrowsTrainingDiverged_WithSolverIterationAndRate(Solver solver)
    {
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = solver, LearningRate = 1e6, BatchSize = 2 });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit<double>(new ReadOnlyMatrixSpan<double>(SmallX(), 4, 2), SmallY()));

        Assert.Equal(solver, e.Solver);
        Assert.InRange(e.Iteration, 1, 100);
        Assert.Equal(1e6, e.LearningRate);
        Assert.False(double.IsFinite(e.Objective) && double.IsFinite(e.GradientNorm));
        Assert.StartsWith(double.IsFinite(e.Objective) ? "gradient became" : "objective became", e.WhatDiverged, StringComparison.Ordinal);
        Assert.Contains($"diverged at {(solver == Solver.MiniBatchSgd ? "epoch" : "iteration")} {e.Iteration} ", e.Message, StringComparison.Ordinal);
        Assert.Contains("'LearningRate':1000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CSoSmallThatLambdaOverflows_ThrowsNamingC()
    {
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Regularization = Regularization.FromC(1e-320) });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit<double>(new ReadOnlyMatrixSpan<double>(SmallX(), 4, 2), SmallY()));

        Assert.Contains("'Regularization':C=1E-320 gives lambda = 1/(C*S) = Infinity for the total sample weight S = 4; C must be larger.", e.Message, StringComparison.Ordinal);
    }
}
