using System.Numerics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// Every form stays finite where the mathematics is finite: logits up to |z| = 1e4, and infinite weights
/// whose logits are infinite with the matching label (loss 0, residual 0), in any column, including the
/// columns an overlapped vector tail reloads.
/// </summary>
public abstract class LossGradientStabilityTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>n = 13: for every lane count (2 to 16) some column sits in both the vector body and the overlapped tail.</summary>
    private const int Columns = 13;

    public static TheoryData<int, bool> InfiniteWeightCases() => new()
    {
        { 0, true }, { 0, false }, { 6, true }, { 6, false }, { 12, true }, { 12, false },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LogitsUpTo1e4_GiveFiniteResults_WithinRoundingBound_ForEveryForm(bool weighted)
    {
        Problem<T> p = ScaledToLogits(Problems.Random<T>(seed: 11, rows: 257, Columns, LabelKind.Mixed, weighted, lambda: 0), 1e4);
        Problem<double> pd = p.ToDouble();
        Result<double> oracle = Forms.Looped(pd);
        RoundingBound bound = RoundingBound.For(pd);
        double factor = bound.Factor<T>() + bound.Factor<double>();

        // The logits really reach ±1e4 and sigma of them stays in [0, 1].
        var z = new T[p.Rows];
        for (int i = 0; i < p.Rows; i++)
        {
            double zi = pd.Bias;
            for (int j = 0; j < Columns; j++)
            {
                zi += pd.Weights[j] * pd[i, j];
            }

            z[i] = T.CreateTruncating(zi);
        }

        Assert.True(z.Max(T.Abs) >= T.CreateTruncating(9_000), $"largest |z| is {z.Max(T.Abs)}");
        var a = new T[p.Rows];
        LogisticFunctions.Sigmoid(z, a);
        Assert.All(a, ai => Assert.InRange(ai, T.Zero, T.One));

        foreach ((string name, Func<Problem<T>, Result<T>> run) in Forms.AllVariants<T>())
        {
            Result<T> r = run(p);
            Assert.True(T.IsFinite(r.Loss) && T.IsFinite(r.BiasGradient) && r.WeightGradient.All(T.IsFinite), $"{name}: J = {r.Loss}, db = {r.BiasGradient}");
            Assert.True(Math.Abs(double.CreateTruncating(r.Loss) - oracle.Loss) <= factor * bound.LossScale, $"{name}: J = {r.Loss}, expected {oracle.Loss}");
            Assert.True(Math.Abs(double.CreateTruncating(r.BiasGradient) - oracle.BiasGradient) <= factor * bound.BiasScale, $"{name}: db");
            for (int j = 0; j < Columns; j++)
            {
                Assert.True(Math.Abs(double.CreateTruncating(r.WeightGradient[j]) - oracle.WeightGradient[j]) <= factor * bound.WeightScale[j], $"{name}: dw[{j}]");
            }
        }
    }

    /// <summary>
    /// w[column] = ±inf with x[:, column] &gt; 0, labels equal to sigma(±inf), lambda = 0: every z is ±inf,
    /// every residual sigma(z) - y is exactly 0 and every loss is 0, so J, dw and db are exactly 0.
    /// </summary>
    [Theory]
    [MemberData(nameof(InfiniteWeightCases))]
    public void InfiniteWeight_WithMatchingLabels_GivesZeroLossAndGradient_ForEveryForm(int column, bool positive)
    {
        foreach (bool weighted in (bool[])[false, true])
        {
            Problem<T> p = Problems.Random<T>(seed: column, rows: 37, Columns, LabelKind.Hard, weighted, lambda: 0);
            var random = new Random(column);
            for (int i = 0; i < p.Rows; i++)
            {
                p.X[(i * p.RowStride) + column] = T.CreateTruncating(0.1 + (0.9 * random.NextDouble()));
                p.Y[i] = positive ? T.One : T.Zero;
            }

            p.Weights[column] = positive ? T.PositiveInfinity : T.NegativeInfinity;
            foreach ((string name, Func<Problem<T>, Result<T>> run) in Forms.AllVariants<T>())
            {
                Result<T> r = run(p);
                string where = $"{name}, w[{column}] = {p.Weights[column]}, weighted {weighted}";
                Assert.True(r.Loss == T.Zero, $"{where}: J = {r.Loss}");
                Assert.True(r.BiasGradient == T.Zero, $"{where}: db = {r.BiasGradient}");
                for (int j = 0; j < Columns; j++)
                {
                    Assert.True(r.WeightGradient[j] == T.Zero, $"{where}: dw[{j}] = {r.WeightGradient[j]}");
                }
            }
        }
    }

    /// <summary>
    /// Every row correctly classified with |z| from 30 to 800 (80 in float, whose e^-|z| underflows beyond about 100):
    /// the gradient is tiny but not zero. It is checked against the double-double residuals of
    /// <see cref="SigmoidReference.Residual"/>, to the rounding bound 2 u (m + n + 8) times the sum of the magnitudes
    /// of its terms. z_i is exact (w = e_0, b = 0), so no logit error enters. A residual taken as sigma(z) - y is
    /// 1e-3 off at z = 30 in double and 0 from z = 37 (from z = 17 in float), far outside the bound.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CorrectlyClassifiedSaturatedRows_GiveTheTinyNonzeroGradient_ForEveryForm(bool weighted)
    {
        double largest = typeof(T) == typeof(float) ? 80 : 800;
        Problem<T> p = Problems.Random<T>(seed: 30, rows: 257, Columns, LabelKind.Hard, weighted, lambda: 0);
        var random = new Random(30);
        Array.Clear(p.Weights);
        p.Weights[0] = T.One;
        for (int i = 0; i < p.Rows; i++)
        {
            double magnitude = i switch { 0 => 30, 1 => 37, _ => 30 + ((largest - 30) * random.NextDouble()) };
            p.X[i * p.RowStride] = T.CreateTruncating(p.Y[i] == T.One ? magnitude : -magnitude);
            for (int j = 1; j < Columns; j++)
            {
                p.X[(i * p.RowStride) + j] = T.CreateTruncating(0.1 + (0.9 * random.NextDouble()));
            }
        }

        Problem<T> saturated = new()
        {
            X = p.X, Rows = p.Rows, Columns = p.Columns, RowStride = p.RowStride, Y = p.Y, SampleWeights = p.SampleWeights,
            Weights = p.Weights, Bias = T.Zero, Lambda = T.Zero,
        };
        Problem<double> pd = saturated.ToDouble();
        double totalWeight = 0, biasExpected = 0, biasScale = 0;
        var weightExpected = new double[Columns];
        var weightScale = new double[Columns];
        for (int i = 0; i < pd.Rows; i++)
        {
            double s = weighted ? pd.SampleWeights[i] : 1;
            (double hi, double lo, int k) = SigmoidReference.Residual(pd[i, 0], pd.Y[i]);
            double residual = Math.ScaleB(hi + lo, k);
            totalWeight += s;
            biasExpected += s * residual;
            biasScale += s * Math.Abs(residual);
            for (int j = 0; j < Columns; j++)
            {
                weightExpected[j] += s * residual * pd[i, j];
                weightScale[j] += s * Math.Abs(residual * pd[i, j]);
            }
        }

        double factor = 2 * RoundingBound.UnitRoundoff<T>() * (pd.Rows + Columns + 8);
        foreach ((string name, Func<Problem<T>, Result<T>> run) in Forms.AllVariants<T>())
        {
            Result<T> r = run(saturated);
            double db = double.CreateTruncating(r.BiasGradient);
            Assert.True(Math.Abs(db - (biasExpected / totalWeight)) <= factor * biasScale / totalWeight, $"{name}: db = {db:R}, expected {biasExpected / totalWeight:R}");
            for (int j = 0; j < Columns; j++)
            {
                double dw = double.CreateTruncating(r.WeightGradient[j]);
                Assert.True(Math.Abs(dw - (weightExpected[j] / totalWeight)) <= factor * weightScale[j] / totalWeight, $"{name}: dw[{j}] = {dw:R}, expected {weightExpected[j] / totalWeight:R}");
            }
        }
    }

    // Scales w and b so the largest |z_i| is about target.
    private static Problem<T> ScaledToLogits(Problem<T> p, double target)
    {
        Problem<double> pd = p.ToDouble();
        double largest = 0;
        for (int i = 0; i < p.Rows; i++)
        {
            double zi = pd.Bias;
            for (int j = 0; j < p.Columns; j++)
            {
                zi += pd.Weights[j] * pd[i, j];
            }

            largest = Math.Max(largest, Math.Abs(zi));
        }

        double scale = target / largest;
        return new Problem<T>
        {
            X = p.X,
            Rows = p.Rows,
            Columns = p.Columns,
            RowStride = p.RowStride,
            Y = p.Y,
            SampleWeights = p.SampleWeights,
            Weights = p.Weights.Select(w => T.CreateTruncating(double.CreateTruncating(w) * scale)).ToArray(),
            Bias = T.CreateTruncating(double.CreateTruncating(p.Bias) * scale),
            Lambda = p.Lambda,
        };
    }
}

public sealed class LossGradientStabilityTests_Single : LossGradientStabilityTests<float>;

public sealed class LossGradientStabilityTests_Double : LossGradientStabilityTests<double>;
