using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Training;

/// <summary>
/// Training on CSR data: the same models as the dense path on the densified data for every solver, scikit-learn's
/// exact optimum on sparse data (raw and scaled without centering), values validated with their row and column,
/// and models that do not depend on the thread count.
/// </summary>
public sealed class SparseTrainingTests(ITestOutputHelper output)
{
    public static TheoryData<Solver, bool, bool> SolversWeightingAndScaling()
    {
        var data = new TheoryData<Solver, bool, bool>();
        foreach (Solver solver in Enum.GetValues<Solver>())
        {
            data.Add(solver, false, false);
            data.Add(solver, true, false);
            data.Add(solver, false, true);
            data.Add(solver, true, true);
        }

        return data;
    }

    /// <summary>
    /// The sparse and dense paths minimize the same J. L-BFGS runs to tol 1e-10 and must give the dense model's
    /// probabilities to 1e-7 (with standardization too: centering moves only the bias, which is not penalized).
    /// Gradient descent and SGD run 15 iterations (epochs) from zero, tol 0, and must follow the dense trajectory to
    /// 1e-9 relative; with standardization they are compared on the scaler (dense scales, means 0) and the objective
    /// after the run, since centering changes their path but not their objective.
    /// </summary>
    [Theory]
    [MemberData(nameof(SolversWeightingAndScaling))]
    public void Sparse_MatchesDenseOnDensifiedData(Solver solver, bool weighted, bool standardize)
    {
        (CsrMatrix<double> csr, double[] dense, double[] y) = Generate<double>(seed: 3, rows: 700, columns: 40);
        double[] sampleWeights = weighted ? Enumerable.Range(0, y.Length).Select(i => ((i * 5) % 7) / 3.0).ToArray() : [];
        bool iterative = solver != Solver.Lbfgs;
        var options = new LogisticRegressionOptions
        {
            Solver = solver,
            Standardize = standardize,
            Regularization = Regularization.FromC(2.0),
            ClassWeight = weighted ? ClassWeight.Balanced : ClassWeight.None,
            Tolerance = iterative ? 0 : 1e-10,
            MaxIterations = iterative ? 15 : 1000,
            LearningRate = solver == Solver.MiniBatchSgd ? 0.05 : 0.5,
            BatchSize = 50,
            Seed = 7,
        };
        var trainer = new LogisticRegressionTrainer(options);
        var x = new ReadOnlyMatrixSpan<double>(dense, csr.Rows, csr.Columns);
        TrainingResult<double> fromDense = trainer.Fit(x, y, sampleWeights);
        TrainingResult<double> fromSparse = trainer.Fit(csr.Span, y, sampleWeights);

        Assert.True(fromSparse.Report.SparseData);
        Assert.False(fromDense.Report.SparseData);
        if (standardize)
        {
            Assert.All(fromSparse.Model.Scaler!.Means.ToArray(), mean => Assert.Equal(0.0, mean));
            for (int j = 0; j < csr.Columns; j++)
            {
                Assert.Equal(fromDense.Model.Scaler!.Scales[j], fromSparse.Model.Scaler!.Scales[j], 1e-12);
            }
        }

        if (!iterative)
        {
            // On the raw columns (scales 0.05 to 20) L-BFGS can end on a failed line search once J stops changing in double.
            Assert.True(fromSparse.Report.Converged || fromSparse.Report.Reason == ConvergenceReason.LineSearchFailed, $"{fromSparse.Report.Reason}");
            double gap = MaxProbabilityGap(fromDense.Model, fromSparse.Model, x);
            output.WriteLine($"{solver} weighted={weighted} standardize={standardize}: max |p_sparse - p_dense| = {gap:E2}");
            Assert.True(gap <= 1e-7, $"max |p_sparse - p_dense| = {gap:E3}");
        }
        else if (!standardize)
        {
            Assert.Equal(fromDense.Report.Iterations, fromSparse.Report.Iterations);
            double[] a = [.. fromDense.Model.RawWeights, fromDense.Model.RawBias];
            double[] b = [.. fromSparse.Model.RawWeights, fromSparse.Model.RawBias];
            for (int k = 0; k < a.Length; k++)
            {
                Assert.True(Math.Abs(a[k] - b[k]) <= 1e-9 * (1 + Math.Abs(a[k])), $"theta[{k}]: dense {a[k]:R}, sparse {b[k]:R}");
            }
        }
        else
        {
            Assert.True(double.IsFinite(fromSparse.Report.Objective) && fromSparse.Report.Objective < fromSparse.Report.ObjectiveHistory[0], "the sparse run must descend");
        }
    }

    [Fact]
    public void Float_Sparse_MatchesDense_Lbfgs()
    {
        (CsrMatrix<float> csr, float[] dense, float[] y) = Generate<float>(seed: 4, rows: 500, columns: 30);
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-5, MaxIterations = 500 });
        var x = new ReadOnlyMatrixSpan<float>(dense, csr.Rows, csr.Columns);
        LogisticRegressionModel<float> fromDense = trainer.Fit(x, y).Model;
        LogisticRegressionModel<float> fromSparse = trainer.Fit(csr.Span, y).Model;
        var p = new float[csr.Rows];
        var q = new float[csr.Rows];
        fromDense.PredictProbabilities(x, p);
        fromSparse.PredictProbabilities(x, q);
        float gap = p.Zip(q, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(gap <= 1e-4f, $"max |p_sparse - p_dense| = {gap:E3}");
    }

    /// <summary>
    /// scikit-learn 1.2.1, newton-cholesky at tol 1e-12 on the scipy CSR matrix of TestData/scikit_learn_sparse.py;
    /// L-BFGS and Newton (30 features: its Cholesky form) on the CSR data must reach it.
    /// </summary>
    [Theory]
    [InlineData(false, Solver.Lbfgs)]
    [InlineData(true, Solver.Lbfgs)]
    [InlineData(false, Solver.Newton)]
    [InlineData(true, Solver.Newton)]
    public void Probabilities_AgreeWithScikitLearn(bool standardize, Solver solver)
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "scikit_learn_sparse.json")));
        JsonElement root = reference.RootElement;
        var csr = new CsrMatrix<double>(Ints(root, "rowOffsets"), Ints(root, "columnIndices"), Doubles(root, "values"), root.GetProperty("columns").GetInt32());
        double[] y = Doubles(root, "y");
        var options = new LogisticRegressionOptions
        {
            Solver = solver,
            Standardize = standardize,
            Regularization = Regularization.FromC(root.GetProperty("C").GetDouble()),
            Tolerance = 1e-10,
            MaxIterations = 5000,
        };
        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit(csr.Span, y);
        Assert.True(result.Report.Converged || result.Report.Reason == ConvergenceReason.LineSearchFailed, $"{result.Report.Reason} after {result.Report.Iterations} iterations");
        output.WriteLine($"{result.Report.Reason} after {result.Report.Iterations} iterations, max |g| {result.Report.GradientNorm:E2}");

        JsonElement fit = root.GetProperty(standardize ? "withMeanFalse" : "raw");
        StandardScaler<double>? scaler = null;
        if (standardize)
        {
            double[] scales = Doubles(fit, "scales");
            for (int j = 0; j < scales.Length; j++)
            {
                Assert.Equal(scales[j], result.Model.Scaler!.Scales[j], 1e-12);
            }

            scaler = StandardScaler<double>.Create(new double[scales.Length], scales);
        }

        var sklearn = new LogisticRegressionModel<double>(Doubles(fit, "weights"), fit.GetProperty("intercept").GetDouble(), scaler);
        var dense = new double[csr.Rows * csr.Columns];
        csr.CopyTo(dense);
        var x = new ReadOnlyMatrixSpan<double>(dense, csr.Rows, csr.Columns);
        double gap = MaxProbabilityGap(sklearn, result.Model, x);
        output.WriteLine($"{solver} standardize={standardize}: max |p - p_sklearn| = {gap:E3} (scikit-learn {root.GetProperty("sklearn").GetString()})");
        Assert.True(gap <= 1e-6, $"max |p - p_sklearn| = {gap:E3}");
    }

    /// <summary>
    /// Past 64 features Newton runs TRON, whose products on CSR data are the sparse Hessian-vector pass: it must
    /// converge in a few iterations to the model Newton fits on the densified data, and to L-BFGS's.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Newton_TrustRegion_OnSparse_MatchesDense(bool weighted)
    {
        (CsrMatrix<double> csr, double[] dense, double[] y) = Generate<double>(seed: 11, rows: 600, columns: 100, density: 0.1);
        double[] sampleWeights = weighted ? Enumerable.Range(0, y.Length).Select(i => 0.25 + ((i * 3) % 5)).ToArray() : [];
        var x = new ReadOnlyMatrixSpan<double>(dense, csr.Rows, csr.Columns);
        var newton = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = Solver.Newton, Tolerance = 1e-10, Regularization = Regularization.FromC(0.5) });
        TrainingResult<double> fromSparse = newton.Fit(csr.Span, y, sampleWeights);
        TrainingResult<double> fromDense = newton.Fit(x, y, sampleWeights);
        var lbfgs = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = Solver.Lbfgs, Tolerance = 1e-10, MaxIterations = 5000, Regularization = Regularization.FromC(0.5) });
        TrainingResult<double> fromLbfgs = lbfgs.Fit(csr.Span, y, sampleWeights);

        Assert.True(fromSparse.Report.Converged, $"{fromSparse.Report.Reason} after {fromSparse.Report.Iterations} iterations");
        Assert.True(fromSparse.Report.HessianVectorProducts > 0, "TRON must make Hessian-vector products");
        Assert.Equal(0, fromSparse.Report.Hessians);
        Assert.True(fromSparse.Report.Iterations <= 20, $"{fromSparse.Report.Iterations} iterations");
        double gap = MaxProbabilityGap(fromDense.Model, fromSparse.Model, x);
        double lbfgsGap = MaxProbabilityGap(fromLbfgs.Model, fromSparse.Model, x);
        output.WriteLine($"weighted={weighted}: {fromSparse.Report.Iterations} iterations, {fromSparse.Report.HessianVectorProducts} products; max |p - p_dense| = {gap:E2}, max |p - p_lbfgs| = {lbfgsGap:E2}");
        Assert.True(gap <= 1e-9, $"max |p_sparse - p_dense| = {gap:E3}");
        Assert.True(lbfgsGap <= 1e-7, $"max |p_newton - p_lbfgs| = {lbfgsGap:E3}");
    }

    [Fact]
    public void WarmStart_FromTheOptimum_StopsAtOnce()
    {
        (CsrMatrix<double> csr, _, double[] y) = Generate<double>(seed: 5, rows: 400, columns: 20);
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 1000 });
        TrainingResult<double> first = trainer.Fit(csr.Span, y);
        TrainingResult<double> warm = trainer.Fit(csr.Span, y, warmStart: first.Model);
        Assert.True(first.Report.Iterations > 5, $"the cold fit took {first.Report.Iterations} iterations");
        Assert.True(warm.Report.Iterations <= 1, $"the warm fit took {warm.Report.Iterations} iterations");
        Assert.Equal(first.Report.Objective, warm.Report.Objective, 1e-12);
    }

    [Fact]
    public void Model_DoesNotDependOnThreadCount()
    {
        (CsrMatrix<double> csr, _, double[] y) = Generate<double>(seed: 6, rows: 9000, columns: 300, density: 0.05);
        LogisticRegressionModel<double> Fit(int threads) =>
            new LogisticRegressionTrainer(new LogisticRegressionOptions { MaxIterations = 8, Tolerance = 0, MaxDegreeOfParallelism = threads }).Fit(csr.Span, y).Model;
        double[] one = [.. Fit(1).Weights, Fit(1).Bias];
        foreach (int threads in (int[])[2, 3])
        {
            double[] other = [.. Fit(threads).Weights, Fit(threads).Bias];
            Assert.True(MemoryMarshal.AsBytes(one.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other.AsSpan())), $"{threads} threads differ from 1");
        }
    }

    [Fact]
    public void NonFiniteValue_Throws_NamingRowAndColumn()
    {
        var csr = new CsrMatrix<double>([0, 2, 3, 5], [0, 4, 2, 1, 5], [1.0, 2.0, 3.0, 4.0, double.NaN], columns: 6);
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions());
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(csr.Span, [0.0, 1.0, 0.0]));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x[2, 5] is NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedLabels_Throw()
    {
        var csr = new CsrMatrix<double>([0, 1, 2], [0, 1], [1.0, 2.0], columns: 2);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new LogisticRegressionTrainer(new LogisticRegressionOptions()).Fit(csr.Span, [0.0, 1.0, 1.0]));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("3 labels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalerWithoutCentering_MatchesScikitLearnFormula()
    {
        // Column 0: stored 2, 4 of 4 rows -> mean 1.5, variance (0.25 + 6.25 + 2 * 2.25) / 4 = 2.75. Column 1: constant 0 -> scale 1.
        var csr = new CsrMatrix<double>([0, 1, 2, 2, 2], [0, 0], [2.0, 4.0], columns: 2);
        StandardScaler<double> scaler = StandardScaler<double>.FitWithoutCentering(csr.Span);
        Assert.Equal([0.0, 0.0], scaler.Means.ToArray());
        Assert.Equal(Math.Sqrt(2.75), scaler.Scales[0], 15);
        Assert.Equal(1.0, scaler.Scales[1]);
    }

    [Fact]
    public void ScalerWithoutCentering_KeepsColumnsWhoseSquaresOverflow()
    {
        // Column 0: 1e200 and 3e200 of 4 rows -> mean 1e200, variance (0 + 4e400 + 2e400) / 4 = 1.5e400.
        var csr = new CsrMatrix<double>([0, 1, 2, 2, 3], [0, 0, 1], [1e200, 3e200, 5.0], columns: 2);
        StandardScaler<double> scaler = StandardScaler<double>.FitWithoutCentering(csr.Span);
        Assert.Equal(Math.Sqrt(1.5), scaler.Scales[0] / 1e200, 14);
        Assert.Equal(Math.Sqrt(((5.0 - 1.25) * (5.0 - 1.25) / 4) + (3 * 1.25 * 1.25 / 4)), scaler.Scales[1], 14);
    }

    private static double MaxProbabilityGap<T>(LogisticRegressionModel<T> a, LogisticRegressionModel<T> b, ReadOnlyMatrixSpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var p = new T[x.Rows];
        var q = new T[x.Rows];
        a.PredictProbabilities(x, p);
        b.PredictProbabilities(x, q);
        return p.Zip(q, (u, v) => Math.Abs(double.CreateTruncating(u) - double.CreateTruncating(v))).Max();
    }

    // Sparse rows (about density of the elements stored, some rows empty), columns on scales 0.05 to 20, labels from a logistic model.
    private static (CsrMatrix<T> Csr, T[] Dense, T[] Y) Generate<T>(int seed, int rows, int columns, double density = 0.2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var dense = new T[rows * columns];
        var y = new T[rows];
        double[] truth = Enumerable.Range(0, columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (int i = 0; i < rows; i++)
        {
            double z = 0.2;
            for (int j = 0; j < columns; j++)
            {
                if (random.NextDouble() < density)
                {
                    double scale = 0.05 * Math.Pow(400, j / (double)Math.Max(1, columns - 1));
                    T value = T.CreateTruncating(((2 * random.NextDouble()) - 1) * scale);
                    dense[(i * columns) + j] = value;
                    z += truth[j] * double.CreateTruncating(value) / scale * 2;
                }
            }

            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? T.One : T.Zero;
        }

        return (CsrMatrix<T>.FromDense(new ReadOnlyMatrixSpan<T>(dense, rows, columns)), dense, y);
    }

    private static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
