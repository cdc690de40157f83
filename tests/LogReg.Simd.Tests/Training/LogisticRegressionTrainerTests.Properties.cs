using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Training;

/// <summary>
/// Random, well-conditioned training data: each point appears with label 1 (weight p) and label 0
/// (weight 1 - p), p in [0.1, 0.9], so the classes always overlap and the minimizer is finite even with
/// lambda = 0. Columns get random offsets and scales, which standardization must undo.
/// </summary>
public sealed record SoftLabeledData(double[] X, double[] Y, double[] Weights, int Rows, int Columns)
{
    public ReadOnlyMatrixSpan<double> Matrix => new(X, Rows, Columns);

    public override string ToString() => $"{Rows} x {Columns}, seed data [{string.Join(", ", X.Take(8).Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))} ...]";
}

public static class TrainerArbitraries
{
    public static Arbitrary<SoftLabeledData> SoftLabeledData() =>
        Gen.Zip(Gen.Zip(Gen.Choose(10, 40), Gen.Choose(1, 5)), Gen.Choose(0, int.MaxValue))
            .Select(t => Create(t.Item1.Item1, t.Item1.Item2, t.Item2))
            .ToArbitrary();

    public static SoftLabeledData Create(int points, int columns, int seed)
    {
        var random = new Random(seed);
        var offsets = new double[columns];
        var scales = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            offsets[j] = (random.NextDouble() - 0.5) * 20;
            scales[j] = Math.Pow(10, (random.NextDouble() * 2) - 1);
        }

        int rows = 2 * points;
        var x = new double[rows * columns];
        var y = new double[rows];
        var w = new double[rows];
        for (int i = 0; i < points; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double v = offsets[j] + (scales[j] * ((random.NextDouble() * 2) - 1));
                x[(2 * i * columns) + j] = v;
                x[(((2 * i) + 1) * columns) + j] = v;
            }

            double p = 0.1 + (0.8 * random.NextDouble());
            (y[2 * i], w[2 * i]) = (1, p);
            (y[(2 * i) + 1], w[(2 * i) + 1]) = (0, 1 - p);
        }

        return new SoftLabeledData(x, y, w, rows, columns);
    }
}

[Properties(Arbitrary = [typeof(TrainerArbitraries)], MaxTest = 25)]
public sealed partial class LogisticRegressionTrainerTests
{
    [Property]
    public void Predictions_AreProbabilities(SoftLabeledData data, bool standardize)
    {
        var options = new LogisticRegressionOptions { Standardize = standardize, Regularization = Regularization.FromC(10) };

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(data.Matrix, data.Y, data.Weights);

        var p = new double[data.Rows];
        result.Model.PredictProbabilities(data.Matrix, p);
        Assert.All(p, v => Assert.InRange(v, 0.0, 1.0));
    }

    /// <summary>Without a penalty, standardizing is an affine reparameterization: the minimizing function is the same.</summary>
    [Property]
    public void StandardizedAndRawFits_PredictTheSame_WithoutPenalty(SoftLabeledData data)
    {
        var options = new LogisticRegressionOptions { Regularization = Regularization.None, Tolerance = 1e-10, MaxIterations = 2000 };

        TrainingResult<double> raw = new LogisticRegressionTrainer(options).Fit<double>(data.Matrix, data.Y, data.Weights);
        TrainingResult<double> standardized = new LogisticRegressionTrainer(options with { Standardize = true }).Fit<double>(data.Matrix, data.Y, data.Weights);

        Assert.True(standardized.Report.Converged, $"standardized: {standardized.Report.Reason}, max|g| {standardized.Report.GradientNorm:E2}");
        var pRaw = new double[data.Rows];
        var pStandardized = new double[data.Rows];
        raw.Model.PredictProbabilities(data.Matrix, pRaw);
        standardized.Model.PredictProbabilities(data.Matrix, pStandardized);
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.True(Math.Abs(pRaw[i] - pStandardized[i]) <= 1e-6, $"row {i}: {pRaw[i]:R} vs {pStandardized[i]:R} (raw fit: {raw.Report.Reason}, max|g| {raw.Report.GradientNorm:E2})");
        }
    }

    /// <summary>
    /// Enough rows for several kernel chunks (about 300 rows of 100 doubles each), so threads really split the
    /// work; the fit must be bit-identical for 1, 2, 3 and 4 threads, for every solver.
    /// </summary>
    [Property(MaxTest = 4)]
    public void ParallelFit_EqualsSerialFit_BitForBit(int seed, bool standardize)
    {
        int columns = 100, rows = 1200;
        var random = new Random(seed);
        var x = new double[rows * columns];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0;
            for (int j = 0; j < columns; j++)
            {
                x[(i * columns) + j] = (random.NextDouble() * 2) - 1;
                z += x[(i * columns) + j] * ((j % 7) - 3) * 0.1;
            }

            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }

        var matrix = new ReadOnlyMatrixSpan<double>(x, rows, columns);
        foreach (Solver solver in new[] { Solver.Lbfgs, Solver.GradientDescent, Solver.MiniBatchSgd })
        {
            var options = new LogisticRegressionOptions { Solver = solver, Standardize = standardize, MaxIterations = 15, Tolerance = 0, BatchSize = 400, MaxDegreeOfParallelism = 1 };
            TrainingResult<double> serial = new LogisticRegressionTrainer(options).Fit<double>(matrix, y);
            for (int threads = 2; threads <= 4; threads++)
            {
                TrainingResult<double> parallel = new LogisticRegressionTrainer(options with { MaxDegreeOfParallelism = threads }).Fit<double>(matrix, y);
                Assert.Equal(serial.Model.Weights.ToArray(), parallel.Model.Weights.ToArray());
                Assert.Equal(serial.Model.Bias, parallel.Model.Bias);
                Assert.Equal(serial.Report.ObjectiveHistory, parallel.Report.ObjectiveHistory);
            }
        }
    }
}
