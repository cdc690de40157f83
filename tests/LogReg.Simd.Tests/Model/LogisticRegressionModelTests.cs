using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

public sealed class LogisticRegressionModelFloatTests : LogisticRegressionModelTests<float>
{
    protected override double UnitRoundoff => Math.ScaleB(1, -24);
}

public sealed class LogisticRegressionModelDoubleTests : LogisticRegressionModelTests<double>
{
    protected override double UnitRoundoff => Math.ScaleB(1, -53);
}

/// <summary>
/// Single-row prediction against a plain double computation, and the constructor's validation.
/// </summary>
/// <remarks>
/// <para>
/// The reference is z = b + sum_j w_j (x_j - mu_j) / sigma_j in double, the unfolded scaler. The model
/// computes z = c + sum_j v_j x_j in T with v_j = w_j / sigma_j and c = b - sum_j v_j mu_j folded in
/// double and rounded to T. The two agree to |dz| &lt;= K u S, with u the unit roundoff of T and
/// S = |b| + sum_j |v_j| (|x_j| + |mu_j|) the size of the terms that cancel. K = <see cref="LogitUlps"/> = 4:
/// rounding v_j and c to T costs at most 1 u S, the SIMD dot product over n &lt;= 40 terms and (for
/// T = double) the double reference itself a few more. Measured worst K over n = 1..40: 1.8 (float),
/// 2.1 (double); a failure message reports it.
/// </para>
/// <para>P = sigma(z) then agrees to |dp| &lt;= |dz| / 4 + 2 u (the slope of sigma is at most 1/4; sigma is
/// computed in double and rounded once to T).</para>
/// </remarks>
public abstract partial class LogisticRegressionModelTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>K in |dz| &lt;= K u S.</summary>
    protected const double LogitUlps = 4;

    protected abstract double UnitRoundoff { get; }

    /// <summary>A model with or without a scaler, and rows drawn around the scaler's means.</summary>
    protected static (LogisticRegressionModel<T> Model, T[][] Rows) Case(int n, bool withScaler, int seed, int rowCount = 8)
    {
        var rng = new Random(seed);
        LogisticRegressionModel<T> model = RandomModel<T>(rng, n, withScaler, withMetadata: false);
        var rows = new T[rowCount][];
        for (int i = 0; i < rowCount; i++)
        {
            rows[i] = new T[n];
            for (int j = 0; j < n; j++)
            {
                double mean = withScaler ? double.CreateTruncating(model.Scaler!.Means[j]) : 0;
                double scale = withScaler ? double.CreateTruncating(model.Scaler!.Scales[j]) : 1;
                rows[i][j] = T.CreateTruncating(mean + (scale * 2 * ((2 * rng.NextDouble()) - 1)));
            }
        }

        return (model, rows);
    }

    /// <summary>The unfolded logit in double, and S, the size of the terms the folded form cancels.</summary>
    protected static (double Logit, double Size) Reference(LogisticRegressionModel<T> model, ReadOnlySpan<T> row)
    {
        double z = double.CreateTruncating(model.Bias);
        double size = Math.Abs(z);
        for (int j = 0; j < row.Length; j++)
        {
            double w = double.CreateTruncating(model.Weights[j]);
            double x = double.CreateTruncating(row[j]);
            double mean = model.Scaler is null ? 0 : double.CreateTruncating(model.Scaler.Means[j]);
            double scale = model.Scaler is null ? 1 : double.CreateTruncating(model.Scaler.Scales[j]);
            z += w * ((x - mean) / scale);
            size += Math.Abs(w / scale) * (Math.Abs(x) + Math.Abs(mean));
        }

        return (z, size);
    }

    protected static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SingleRow_Predictions_MatchThePlainDoubleComputation(bool withScaler)
    {
        double worstK = 0;
        for (int n = 1; n <= 40; n++)
        {
            (LogisticRegressionModel<T> model, T[][] rows) = Case(n, withScaler, seed: n);
            foreach (T[] row in rows)
            {
                (double z, double size) = Reference(model, row);
                double zModel = double.CreateTruncating(model.DecisionFunction(row));
                double dz = Math.Abs(zModel - z);
                worstK = Math.Max(worstK, dz / (UnitRoundoff * size));
                Assert.True(dz <= LogitUlps * UnitRoundoff * size, $"n={n}: logit {zModel:R} vs reference {z:R}: |dz| = {dz / (UnitRoundoff * size):F2} u S, above {LogitUlps} u S");

                double p = double.CreateTruncating(model.PredictProbability(row));
                double pTolerance = (LogitUlps * UnitRoundoff * size / 4) + (2 * UnitRoundoff);
                Assert.True(Math.Abs(p - Sigmoid(z)) <= pTolerance, $"n={n}: P {p:R} vs reference {Sigmoid(z):R}");
                Assert.InRange(p, 0, 1);

                foreach (double threshold in new[] { 0.0, 0.25, 0.5, 0.9, 1.0 })
                {
                    int predicted = model.Predict(row, threshold);
                    Assert.Equal(p > threshold ? 1 : 0, predicted);
                    if (Math.Abs(Sigmoid(z) - threshold) > pTolerance)
                    {
                        Assert.Equal(Sigmoid(z) > threshold ? 1 : 0, predicted);
                    }
                }

                Assert.Equal(model.Predict(row, 0.5), model.Predict(row));
            }
        }

        Assert.True(worstK <= LogitUlps, $"worst K = {worstK:F3}");
    }

    [Fact]
    public void FoldedScaler_EqualsTheUnfoldedStandardization()
    {
        // A known case: w = (2, -1), b = 0.5, mean = (10, -4), scale = (4, 0.5); x = (14, -3):
        // standardized (1, 2), z = 2 - 2 + 0.5 = 0.5. Folded: v = (0.5, -2), c = 0.5 - (5 + 8) = -12.5, z = 7 + 6 - 12.5.
        var scaler = StandardScaler<T>.Create(Of<T>(10, -4), Of<T>(4, 0.5));
        var model = new LogisticRegressionModel<T>(Of<T>(2, -1), T.CreateTruncating(0.5), scaler);
        AssertBitsEqual(Of<T>(0.5, -2), model.RawWeights, "raw weights");
        Assert.Equal(T.CreateTruncating(-12.5), model.RawBias);
        Assert.Equal(T.CreateTruncating(0.5), model.DecisionFunction(Of<T>(14, -3)));
        Assert.Equal(T.CreateTruncating(Sigmoid(0.5)), model.PredictProbability(Of<T>(14, -3)));
    }

    [Fact]
    public void WithoutScaler_RawCoefficientsAreTheCoefficients()
    {
        var model = new LogisticRegressionModel<T>(Of<T>(0.25, -3, 7), T.CreateTruncating(-1));
        AssertBitsEqual(model.Weights, model.RawWeights, "raw weights");
        Assert.Equal(model.Bias, model.RawBias);
        Assert.Equal(T.CreateTruncating(0.25 - 6 + 21 - 1), model.DecisionFunction(Of<T>(1, 2, 3)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void SingleRow_ThrowsForARowOfTheWrongLength_NamingBothLengths(int length)
    {
        var model = new LogisticRegressionModel<T>(Of<T>(1, 2, 3, 4), T.One);
        var row = new T[length];
        string expected = $"'row':{length} must have the model's 4 features. (Parameter 'row')";
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => model.DecisionFunction(row)).Message);
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => model.PredictProbability(row)).Message);
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => model.Predict(row)).Message);
    }

    [Fact]
    public void Constructor_ThrowsForANonFiniteWeight_NamingItsIndex()
    {
        foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionModel<T>(Of<T>(1, 2, double.CreateTruncating(bad)), T.One));
            Assert.Equal("weights", error.ParamName);
            Assert.StartsWith($"'weights[2]':{bad} must be finite.", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Constructor_ThrowsForANonFiniteBias()
    {
        foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionModel<T>(Of<T>(1, 2), bad));
            Assert.Equal("bias", error.ParamName);
            Assert.StartsWith($"'bias':{bad} must be finite.", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Constructor_ThrowsForAScalerWithAnotherFeatureCount()
    {
        var scaler = StandardScaler<T>.Create(Of<T>(0, 0, 0), Of<T>(1, 1, 1));
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegressionModel<T>(Of<T>(1, 2), T.One, scaler));
        Assert.Equal("scaler", error.ParamName);
        Assert.StartsWith("'scaler' has 3 features; the model has 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheWeights()
    {
        T[] weights = Of<T>(1, 2);
        var model = new LogisticRegressionModel<T>(weights, T.One);
        weights[0] = T.CreateTruncating(100);
        Assert.Equal(T.One, model.Weights[0]);
        Assert.Equal(T.CreateTruncating(1 + 2 + 1), model.DecisionFunction(Of<T>(1, 1)));
    }
}
