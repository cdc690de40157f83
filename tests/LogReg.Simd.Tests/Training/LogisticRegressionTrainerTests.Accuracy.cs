using LogReg.Simd.Data;
using LogReg.Simd.Training;
using Xunit.Abstractions;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Training;

/// <summary>
/// The acceptance criteria on real data: every solver's minimum against an independent Newton solution of the
/// same objective. L-BFGS must match J* to 1e-10 relative; GD and SGD, with the budgets stated on each case,
/// to 1e-4 relative.
/// </summary>
public sealed partial class LogisticRegressionTrainerTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Problems => new()
    {
        { "breast_cancer", 1.0 },
        { "breast_cancer", 0.05 },
        { "heart", 1.0 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Lbfgs_ReachesNewtonObjective(string name, double c)
    {
        ReferenceProblem problem = ReferenceProblem.ByName(name, c);
        var options = problem.Options(new LogisticRegressionOptions { Tolerance = 1e-8, MaxIterations = 1000 });

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(problem.X, problem.Data.Y);

        double objective = problem.ObjectiveAt(result.Model.Weights, result.Model.Bias);
        double relative = (objective - problem.Objective) / problem.Objective;
        output.WriteLine($"{name} C={c}: Newton J*={problem.Objective:R} ({problem.NewtonIterations} Newton steps); L-BFGS {result.Report.Iterations} iterations, {result.Report.FunctionEvaluations} evaluations, max|g|={result.Report.GradientNorm:E3}, J={objective:R}, relative gap {relative:E3}");
        Assert.Equal(ConvergenceReason.ToleranceReached, result.Report.Reason);
        Assert.True(result.Report.GradientNorm <= 1e-8, $"max|g| = {result.Report.GradientNorm}");
        Assert.True(Math.Abs(relative) <= 1e-10, $"J = {objective:R}, J* = {problem.Objective:R}, relative {relative:E3}");
        Assert.True(Math.Abs(result.Report.Objective - problem.Objective) <= 1e-10 * problem.Objective, $"reported J = {result.Report.Objective:R}");
        Assert.Equal(problem.Lambda, result.Report.Lambda, 15);
    }

    /// <summary>Full-batch gradient descent, learning rate 1.0, 2000 iterations, no tolerance stop.</summary>
    [Theory]
    [MemberData(nameof(Problems))]
    public void GradientDescent_ComesWithin1e4OfNewtonObjective(string name, double c)
    {
        ReferenceProblem problem = ReferenceProblem.ByName(name, c);
        var options = problem.Options(new LogisticRegressionOptions { Solver = Solver.GradientDescent, LearningRate = 1.0, MaxIterations = 2000, Tolerance = 0 });

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(problem.X, problem.Data.Y);

        double relative = (problem.ObjectiveAt(result.Model.Weights, result.Model.Bias) - problem.Objective) / problem.Objective;
        output.WriteLine($"{name} C={c}: GD alpha=1.0, {result.Report.Iterations} iterations: max|g|={result.Report.GradientNorm:E3}, relative gap {relative:E3}");
        Assert.Equal(ConvergenceReason.IterationLimit, result.Report.Reason);
        Assert.Equal(2000, result.Report.Iterations);
        Assert.InRange(relative, -1e-12, 1e-4);
    }

    /// <summary>
    /// Mini-batch SGD, batch 32, Nesterov momentum, inverse-scaling rate, 2000 epochs, seed 0. Breast cancer
    /// (standardized): eta0 = 0.5, power 0.5, momentum 0.95. Heart (raw): eta0 = 1.0, power 0.75, momentum 0.95.
    /// </summary>
    [Theory]
    [MemberData(nameof(Problems))]
    public void MiniBatchSgd_ComesWithin1e4OfNewtonObjective(string name, double c)
    {
        ReferenceProblem problem = ReferenceProblem.ByName(name, c);
        bool heart = name == "heart";
        var options = problem.Options(new LogisticRegressionOptions
        {
            Solver = Solver.MiniBatchSgd,
            BatchSize = 32,
            LearningRate = heart ? 1.0 : 0.5,
            LearningRateSchedule = LearningRateSchedule.InverseScaling,
            PowerT = heart ? 0.75 : 0.5,
            Momentum = 0.95,
            Nesterov = true,
            MaxIterations = 2000,
            Tolerance = 0,
        });

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(problem.X, problem.Data.Y);

        double relative = (problem.ObjectiveAt(result.Model.Weights, result.Model.Bias) - problem.Objective) / problem.Objective;
        output.WriteLine($"{name} C={c}: SGD eta0={options.LearningRate} power={options.PowerT}, {result.Report.Iterations} epochs: max|g|={result.Report.GradientNorm:E3}, relative gap {relative:E3}, {result.Report.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(2000, result.Report.Iterations);
        Assert.InRange(relative, -1e-12, 1e-4);
    }

    /// <summary>Float training reaches the double solution's predicted probabilities to 1e-4 on the training set.</summary>
    [Theory]
    [MemberData(nameof(Problems))]
    public void FloatLbfgs_MatchesDoublePredictions(string name, double c)
    {
        ReferenceProblem problem = ReferenceProblem.ByName(name, c);
        var options = problem.Options(new LogisticRegressionOptions { Tolerance = 1e-7, MaxIterations = 1000 });
        var trainer = new LogisticRegressionTrainer(options);
        int m = problem.Data.Rows, n = problem.Data.Columns;
        float[] xFloat = problem.Data.XAsFloat();

        TrainingResult<double> exact = trainer.Fit<double>(problem.X, problem.Data.Y);
        TrainingResult<float> single = trainer.Fit<float>(new ReadOnlyMatrixSpan<float>(xFloat, m, n), problem.Data.YAsFloat());

        var pExact = new double[m];
        var pSingle = new float[m];
        exact.Model.PredictProbabilities(problem.X, pExact);
        single.Model.PredictProbabilities(new ReadOnlyMatrixSpan<float>(xFloat, m, n), pSingle);
        double gap = 0;
        for (int i = 0; i < m; i++)
        {
            gap = Math.Max(gap, Math.Abs(pExact[i] - pSingle[i]));
        }

        output.WriteLine($"{name} C={c}: float L-BFGS {single.Report.Iterations} iterations, {single.Report.Reason}, max|g|={single.Report.GradientNorm:E3}; max |p_float - p_double| = {gap:E3}");
        Assert.True(gap <= 1e-4, $"max |p_float - p_double| = {gap:E3}");
    }
}
