using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Kernels.HessianVector;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The sparse second-order passes (<see cref="SparseSecondOrderPass"/>) against the dense ones on the densified data:
/// the loss, gradient and curvature of the dense pass, H v of the looped oracle and of central differences of the
/// gradient, and the dense Hessian; on sliced views with empty rows, explicit zeros, sample weights, float and double
/// values (FsCheck); and no allocation per call.
/// </summary>
public sealed class SparseHessianVectorTests
{
    /// <summary>
    /// Property: on random CSR problems (m in [1, 120], n in [1, 40], density 0.05 to 0.6, sample weights or none,
    /// float or double values) each sparse pass equals its dense counterpart on the densified data to 1e-12 of the
    /// largest component (only the summation order differs), and H v matches the central difference of the sparse
    /// gradient, h = 1e-5, to 1e-6 of the largest component.
    /// </summary>
    [Property(MaxTest = 80)]
    public Property Passes_MatchDenseOnDensifiedData() =>
        Prop.ForAll(
            (from m in Gen.Choose(1, 120)
             from n in Gen.Choose(1, 40)
             from seed in Gen.Choose(0, int.MaxValue)
             from percent in Gen.Choose(5, 60)
             from weighted in Gen.Elements(false, true)
             from isFloat in Gen.Elements(false, true)
             select (m, n, seed, density: percent / 100.0, weighted, isFloat)).ToArbitrary(),
            shape =>
            {
                string label = $"m={shape.m} n={shape.n} seed={shape.seed} density={shape.density} weighted={shape.weighted} float={shape.isFloat}";
                string? failure = shape.isFloat
                    ? Check(SparseProblems.Random<float>(shape.seed, shape.m, shape.n, shape.density, shape.weighted, lambda: 0.3), shape.seed)
                    : Check(SparseProblems.Random<double>(shape.seed, shape.m, shape.n, shape.density, shape.weighted, lambda: 0.3), shape.seed);
                return failure is null ? true.ToProperty() : false.Label($"{label}: {failure}");
            });

    [Theory]
    [InlineData(2_000, 50, false)]
    [InlineData(2_000, 50, true)]
    public void Passes_AllocateNothing(int m, int n, bool isFloat)
    {
        if (isFloat)
        {
            AssertNoAllocation(SparseProblems.Random<float>(seed: 5, m, n, density: 0.1, weighted: true, lambda: 0.1));
        }
        else
        {
            AssertNoAllocation(SparseProblems.Random<double>(seed: 5, m, n, density: 0.1, weighted: true, lambda: 0.1));
        }
    }

    private static void AssertNoAllocation<T>(SparseProblem<T> sp)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Inputs inputs = Inputs.Of(sp, seed: 1);
        int n = sp.Dense.Columns;
        var gradient = new double[n + 1];
        var curvature = new double[sp.Dense.Rows];
        var product = new double[n];
        var hessian = new double[(n + 1) * (n + 1)];
        double totalWeight = 0;
        Assert.Equal(0, Allocations.PerCall(() => SparseSecondOrderPass.Gradient(sp.Matrix, inputs.Y, inputs.SampleWeights, inputs.Weights, inputs.Bias, inputs.Lambda, gradient, curvature, out totalWeight)));
        Assert.Equal(0, Allocations.PerCall(() => SparseSecondOrderPass.HessianVector(sp.Matrix, curvature, totalWeight, inputs.Direction, inputs.DirectionBias, inputs.Lambda, product)));
        Assert.Equal(0, Allocations.PerCall(() => SparseSecondOrderPass.Hessian(sp.Matrix, curvature, totalWeight, inputs.Lambda, hessian)));
    }

    // The first mismatch between the sparse passes and the dense ones on sp, or null.
    private static string? Check<T>(SparseProblem<T> sp, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        int m = p.Rows, n = p.Columns;
        Inputs inputs = Inputs.Of(sp, seed);

        // Loss, gradient and D: the dense second-order pass on the densified data (the same T values).
        var denseGradient = new double[n + 1];
        var denseCurvature = new double[m];
        double denseLoss = SecondOrderPass.Gradient(p.Matrix, inputs.Y, inputs.SampleWeights, inputs.Weights, inputs.Bias, inputs.Lambda, denseGradient, denseCurvature, SimdWidths.Widest, threads: 1);
        var gradient = new double[n + 1];
        var curvature = new double[m];
        double loss = SparseSecondOrderPass.Gradient(sp.Matrix, inputs.Y, inputs.SampleWeights, inputs.Weights, inputs.Bias, inputs.Lambda, gradient, curvature, out double totalWeight);
        double expectedWeight = inputs.SampleWeights.Length == 0 ? m : inputs.SampleWeights.Sum();
        string? failure = Compare("loss", [denseLoss], [loss], 1e-12)
            ?? Compare("gradient", denseGradient, gradient, 1e-12)
            ?? Compare("curvature", denseCurvature, curvature, 1e-12)
            ?? Compare("total weight", [expectedWeight], [totalWeight], 1e-13);
        if (failure is not null)
        {
            return failure;
        }

        // H v: the looped oracle on the densified data, with the dense pass's D.
        var looped = new double[n];
        LoopedHessianVector.Compute(p.Matrix, denseCurvature, totalWeight, inputs.Direction, inputs.DirectionBias, inputs.Lambda, looped, out double loopedBias);
        var product = new double[n];
        double productBias = SparseSecondOrderPass.HessianVector(sp.Matrix, curvature, totalWeight, inputs.Direction, inputs.DirectionBias, inputs.Lambda, product);
        double[] hv = [.. product, productBias];
        failure = Compare("H v", [.. looped, loopedBias], hv, 1e-12);
        if (failure is not null)
        {
            return failure;
        }

        // H v against (g(theta + h v) - g(theta - h v)) / 2h of the sparse gradient.
        const double H = 1e-5;
        double[] plus = SparseGradientAt(sp, inputs, H);
        double[] minus = SparseGradientAt(sp, inputs, -H);
        double largest = Math.Max(hv.Max(Math.Abs), 1e-3);
        for (int k = 0; k <= n; k++)
        {
            double difference = (plus[k] - minus[k]) / (2 * H);
            if (Math.Abs(difference - hv[k]) > (1e-6 * largest) + 1e-9)
            {
                return $"H v [{k}] {hv[k]:R}, central difference {difference:R}";
            }
        }

        // The whole Hessian: the dense pass's.
        int size = n + 1;
        var denseHessian = new double[size * size];
        SecondOrderPass.Hessian(p.Matrix, denseCurvature, totalWeight, inputs.Lambda, denseHessian, SimdWidths.Widest, threads: 1);
        var hessian = new double[size * size];
        SparseSecondOrderPass.Hessian(sp.Matrix, curvature, totalWeight, inputs.Lambda, hessian);
        return Compare("Hessian", denseHessian, hessian, 1e-12);
    }

    private static double[] SparseGradientAt<T>(SparseProblem<T> sp, Inputs inputs, double h)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = sp.Dense.Columns;
        double[] w = inputs.Weights.Select((wj, j) => wj + (h * inputs.Direction[j])).ToArray();
        var gradient = new double[n + 1];
        SparseSecondOrderPass.Gradient(sp.Matrix, inputs.Y, inputs.SampleWeights, w, inputs.Bias + (h * inputs.DirectionBias), inputs.Lambda, gradient, new double[sp.Dense.Rows], out _);
        return gradient;
    }

    private static string? Compare(string what, double[] expected, double[] actual, double relative)
    {
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= relative * scale))
            {
                return $"{what}[{i}]: dense {expected[i]:R}, sparse {actual[i]:R} (scale {scale:R})";
            }
        }

        return null;
    }

    /// <summary>The problem's labels, sample weights and point in double, a random direction, and lambda.</summary>
    private sealed record Inputs(double[] Y, double[] SampleWeights, double[] Weights, double Bias, double Lambda, double[] Direction, double DirectionBias)
    {
        public static Inputs Of<T>(SparseProblem<T> sp, int seed)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Problem<double> p = sp.Dense.ToDouble();
            var random = new Random(seed ^ 0x3C3C);
            double[] direction = Enumerable.Range(0, p.Columns).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            return new Inputs(p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, direction, (random.NextDouble() * 2) - 1);
        }
    }
}
