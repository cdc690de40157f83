using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Training;

/// <summary>Solver.Auto: the documented rule, the solver that ran in the report and the model, and never Auto in a file.</summary>
public sealed class AutoSolverTests
{
    // 200 x features of a fixed logistic problem, so both classes are present.
    private static (double[] X, double[] Y) Problem(int rows, int features)
    {
        var random = new Random(7);
        var x = new double[rows * features];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0;
            for (int j = 0; j < features; j++)
            {
                double v = (random.NextDouble() * 2) - 1;
                x[(i * features) + j] = v;
                z += v * ((j % 3) - 1);
            }

            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }

        return (x, y);
    }

    [Theory]
    [InlineData(10, false, 1e-4, Solver.Newton)]   // up to 64 features: the exact-Hessian form
    [InlineData(80, false, 1e-4, Solver.Lbfgs)]    // wider double data at an ordinary tolerance
    [InlineData(80, false, 1e-9, Solver.Newton)]   // a tight tolerance
    [InlineData(80, true, 1e-4, Solver.Newton)]    // float data: only Newton's mixed precision reaches the double optimum
    public void Auto_FollowsItsRule_AndReportsTheSolverThatRan(int features, bool asFloat, double tolerance, Solver expected)
    {
        (double[] x, double[] y) = Problem(200, features);
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = Solver.Auto, Tolerance = tolerance, MaxIterations = 500 });
        Solver ran, stored;
        if (asFloat)
        {
            TrainingResult<float> fit = trainer.Fit(new ReadOnlyMatrixSpan<float>(Array.ConvertAll(x, v => (float)v), 200, features), Array.ConvertAll(y, v => (float)v));
            (ran, stored) = (fit.Report.Solver, fit.Model.Metadata!.Solver);
            Assert.True(fit.Report.Converged);
        }
        else
        {
            TrainingResult<double> fit = trainer.Fit(new ReadOnlyMatrixSpan<double>(x, 200, features), y);
            (ran, stored) = (fit.Report.Solver, fit.Model.Metadata!.Solver);
            Assert.True(fit.Report.Converged);
            var save = new MemoryStream();
            ModelSerializer.Save(fit.Model, save);
            save.Position = 0;
            Assert.Equal(expected, ModelSerializer.Load<double>(save).Metadata!.Solver);
        }

        Assert.Equal(expected, ran);
        Assert.Equal(expected, stored);
    }

    [Fact]
    public void Auto_IsNotTheDefault() => Assert.Equal(Solver.Lbfgs, new LogisticRegressionOptions().Solver);
}
