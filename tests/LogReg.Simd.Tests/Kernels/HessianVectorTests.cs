using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.HessianVector;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The Hessian-vector product and the second-order passes: the fused form at every width and the parallel form
/// against the looped oracle, bit-identity over thread counts, the gradient pass's stored curvature, the dense
/// Hessian against products with unit vectors, and H v against central differences of the gradient (FsCheck).
/// </summary>
public sealed class HessianVectorTests
{
    public static TheoryData<int, int, int> WidthsAndShapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (SimdWidth width in SimdWidths.All)
        {
            foreach ((int m, int n) in new[] { (1, 1), (37, 3), (300, 7), (129, 17), (600, 33), (50, 100), (5000, 9) })
            {
                data.Add((int)width, m, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndShapes))]
    public void Fused_MatchesLoopedOracle_AtEveryWidth_DoubleAndFloatData(int width, int m, int n)
    {
        Case c = Case.Random(m, n, seed: (m * 31) + n, weighted: m % 2 == 1);
        double[] expected = c.LoopedProduct(c.X);
        double[] actual = c.Product(c.X, threads: 1, (SimdWidth)width);
        AssertClose(expected, actual, 1e-12);

        // Float data: the oracle reads the same float values, so only the summation order differs.
        var xFloat = new ReadOnlyMatrixSpan<float>(Array.ConvertAll(c.Values, v => (float)v), m, n);
        AssertClose(c.LoopedProduct(xFloat), c.Product(xFloat, threads: 1, (SimdWidth)width), 1e-12);
    }

    [Theory]
    [InlineData(70_000, 5)]
    [InlineData(20_000, 40)]
    [InlineData(3_000, 130)]
    public void Parallel_IsBitIdenticalForAnyThreadCount_AndEqualsFused(int m, int n)
    {
        Case c = Case.Random(m, n, seed: n, weighted: true);
        double[] one = c.Product(c.X, threads: 1, SimdWidths.Widest);
        for (int threads = 2; threads <= 4; threads++)
        {
            double[] many = c.Product(c.X, threads, SimdWidths.Widest);
            Assert.Equal(one, many);
        }

        var public1 = new double[n];
        FusedHessianVector.Compute(c.X, c.Curvature, c.TotalWeight, c.Direction, c.DirectionBias, c.Lambda, public1, out double bias1);
        var publicN = new double[n];
        ParallelHessianVector.Compute(c.X, c.Curvature, c.TotalWeight, c.Direction, c.DirectionBias, c.Lambda, publicN, out double biasN, maxDegreeOfParallelism: 3);
        Assert.Equal([.. public1, bias1], [.. publicN, biasN]);
        AssertClose(c.LoopedProduct(c.X), one, 1e-11);
    }

    [Theory]
    [MemberData(nameof(WidthsAndShapes))]
    public void GradientPass_MatchesLoopedGradient_AndStoresCurvature(int width, int m, int n)
    {
        Case c = Case.Random(m, n, seed: m + n, weighted: n % 2 == 1);
        var gradient = new double[n + 1];
        var curvature = new double[m];
        double loss = SecondOrderPass.Gradient(c.X, c.Y, c.SampleWeights, c.Weights, c.Bias, c.Lambda, gradient, curvature, (SimdWidth)width, threads: 1);

        var expectedGradient = new double[n];
        double expectedLoss = LoopedLossGradient.Compute(c.X, c.Y, c.SampleWeights, c.Weights, c.Bias, c.Lambda, expectedGradient, out double expectedBias);
        Assert.Equal(expectedLoss, loss, 1e-12);
        AssertClose([.. expectedGradient, expectedBias], gradient, 1e-12);
        AssertClose(c.Curvature, curvature, 1e-13);
    }

    [Theory]
    [MemberData(nameof(WidthsAndShapes))]
    public void Hessian_EqualsProductsWithUnitVectors(int width, int m, int n)
    {
        Case c = Case.Random(m, n, seed: 7 * n, weighted: true);
        int size = n + 1;
        var hessian = new double[size * size];
        SecondOrderPass.Hessian(c.X, c.Curvature, c.TotalWeight, c.Lambda, hessian, (SimdWidth)width, threads: 2);

        var unit = new double[n];
        var column = new double[n];
        for (int k = 0; k < size; k++)
        {
            Array.Clear(unit);
            if (k < n)
            {
                unit[k] = 1;
            }

            LoopedHessianVector.Compute(c.X, c.Curvature, c.TotalWeight, unit, k == n ? 1.0 : 0.0, c.Lambda, column, out double biasComponent);
            double[] expected = [.. column, biasComponent];
            for (int i = 0; i < size; i++)
            {
                double scale = Math.Max(1e-3, Math.Abs(expected[i]));
                Assert.True(Math.Abs(hessian[(i * size) + k] - expected[i]) <= 1e-12 * scale, $"H[{i},{k}] = {hessian[(i * size) + k]:R}, H e_k = {expected[i]:R}");
            }
        }
    }

    [Theory]
    [InlineData(3_000, 40, 1)]
    [InlineData(3_000, 300, 1)]
    [InlineData(70_000, 8, 2)]
    public void Product_AllocatesNothing_OnceThePoolIsWarm(int m, int n, int threads)
    {
        Case c = Case.Random(m, n, seed: 3, weighted: false);
        double[] curvature = c.Curvature;
        var product = new double[n];
        Assert.Equal(0, Allocations.PerCall(() => ParallelHessianVector.Compute(c.X, curvature, c.TotalWeight, c.Direction, c.DirectionBias, c.Lambda, product, out _, threads)));
    }

    [Fact]
    public void Validation_NamesTheArgument()
    {
        Case c = Case.Random(10, 3, seed: 1, weighted: false);
        var product = new double[3];
        var ex = Assert.Throws<ArgumentException>(() => ParallelHessianVector.Compute(c.X, c.Curvature.AsSpan(1), c.TotalWeight, c.Direction, 0, c.Lambda, product, out _));
        Assert.Contains("'curvature':9 must have the same length as 'x.Rows':10", ex.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => FusedHessianVector.Compute(c.X, c.Curvature, 0.0, c.Direction, 0, c.Lambda, product, out _));
        Assert.Contains("'totalWeight':0", range.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LoopedHessianVector.Compute(c.X, c.Curvature, c.TotalWeight, c.Direction.AsSpan(1), 0, c.Lambda, product, out _));
        Assert.Contains("'direction':2 must have the same length as 'x.Columns':3", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Property: on random problems (m in [1, 120], n in [1, 40], sample weights or none, lambda in [0, 1]) the
    /// parallel product H v matches the central difference (g(theta + h v) - g(theta - h v)) / 2h of the
    /// looped gradient, h = 1e-5, to 1e-6 of the largest component (the difference's error is O(h^2)).
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Product_MatchesFiniteDifferencesOfGradient() =>
        Prop.ForAll(
            (from m in Gen.Choose(1, 120)
             from n in Gen.Choose(1, 40)
             from seed in Gen.Choose(0, int.MaxValue)
             from weighted in Gen.Elements(false, true)
             select (m, n, seed, weighted)).ToArbitrary(),
            shape =>
            {
                Case c = Case.Random(shape.m, shape.n, shape.seed, shape.weighted);
                int n = shape.n;
                double[] hv = c.Product(c.X, threads: 2, SimdWidths.Widest);
                const double H = 1e-5;
                double[] plus = c.GradientAt(c.Direction, c.DirectionBias, H);
                double[] minus = c.GradientAt(c.Direction, c.DirectionBias, -H);
                double largest = hv.Max(Math.Abs);
                for (int k = 0; k <= n; k++)
                {
                    double difference = (plus[k] - minus[k]) / (2 * H);
                    if (Math.Abs(difference - hv[k]) > (1e-6 * Math.Max(largest, 1e-3)) + 1e-9)
                    {
                        return false.Label($"m={shape.m} n={n} k={k}: Hv {hv[k]:R}, difference {difference:R}");
                    }
                }

                return true.ToProperty();
            });

    private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}] expected {expected[i]:R}, actual {actual[i]:R} (scale {scale:R})");
        }
    }

    /// <summary>A random problem at a random point theta, its curvature there (by the looped oracle) and a direction.</summary>
    private sealed record Case(double[] Values, int Rows, int Columns, double[] Y, double[] SampleWeights, double[] Weights, double Bias, double Lambda, double[] Direction, double DirectionBias)
    {
        public ReadOnlyMatrixSpan<double> X => new(Values, Rows, Columns);

        public double TotalWeight => SampleWeights.Length == 0 ? Rows : SampleWeights.Sum();

        public double[] Curvature
        {
            get
            {
                var d = new double[Rows];
                LoopedHessianVector.ComputeCurvature(X, SampleWeights, Weights, Bias, d);
                return d;
            }
        }

        public static Case Random(int m, int n, int seed, bool weighted)
        {
            var random = new Random(seed);
            double Next() => (random.NextDouble() * 2) - 1;
            double[] x = Enumerable.Range(0, m * n).Select(_ => Next() * 2).ToArray();
            double[] y = Enumerable.Range(0, m).Select(_ => (double)random.Next(2)).ToArray();
            double[] s = weighted ? Enumerable.Range(0, m).Select(i => i == 0 ? 1.0 : random.NextDouble() * 2).ToArray() : [];
            double[] w = Enumerable.Range(0, n).Select(_ => Next()).ToArray();
            double[] v = Enumerable.Range(0, n).Select(_ => Next()).ToArray();
            return new Case(x, m, n, y, s, w, Next(), random.NextDouble(), v, Next());
        }

        public double[] Product<T>(ReadOnlyMatrixSpan<T> x, int threads, SimdWidth width)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            var product = new double[Columns];
            double bias = ParallelHessianVector.Compute(x, CurvatureOf(x), TotalWeight, Direction, DirectionBias, Lambda, product, threads, width);
            return [.. product, bias];
        }

        public double[] LoopedProduct<T>(ReadOnlyMatrixSpan<T> x)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            var product = new double[Columns];
            LoopedHessianVector.Compute(x, CurvatureOf(x), TotalWeight, Direction, DirectionBias, Lambda, product, out double bias);
            return [.. product, bias];
        }

        /// <summary>The looped gradient [dJ/dw, dJ/db] at theta + h [v, v_b].</summary>
        public double[] GradientAt(double[] v, double vBias, double h)
        {
            double[] w = Weights.Select((wj, j) => wj + (h * v[j])).ToArray();
            var g = new double[Columns];
            LoopedLossGradient.Compute(X, Y, SampleWeights, w, Bias + (h * vBias), Lambda, g, out double gb);
            return [.. g, gb];
        }

        private double[] CurvatureOf<T>(ReadOnlyMatrixSpan<T> x)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            var d = new double[Rows];
            T[] s = Array.ConvertAll(SampleWeights, v => T.CreateTruncating(v));
            LoopedHessianVector.ComputeCurvature(x, s, Weights, Bias, d);
            return d;
        }
    }
}
