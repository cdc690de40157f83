using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// Accuracy of sigma over the whole range, scalar and span at every supported width:
/// float within 1 ulp of the stable double sigma rounded to float, double within
/// <see cref="DoubleUlpBound"/> ulps of a double-double reference (<see cref="SigmoidReference"/>).
/// </summary>
public sealed class SigmoidAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// The double bound: e = e^-|z| costs about 1 ulp (Math.Exp and the vector Exp are documented near
    /// 1 ulp), and 1 + e, the division and the product e * r cost 0.5 ulp each, so about 2.5 ulps;
    /// 4 leaves room for the vector exp. The measured maximum is printed by the test.
    /// </summary>
    public const double DoubleUlpBound = 4;

    public static TheoryData<int> Widths() => TestData.AllWidths();

    /// <summary>The stable double sigma, written here without the code under test.</summary>
    public static double StableDoubleSigmoid(double z) =>
        z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>Ulp error of a double sigma against the double-double reference; beyond |z| = 800 sigma rounds to exactly 0 or 1.</summary>
    public static double DoubleUlpError(double z, double value)
    {
        if (Math.Abs(z) > 800)
        {
            return Ulps.Between(value, z > 0 ? 1.0 : 0.0);
        }

        return SigmoidReference.UlpError(value, SigmoidReference.Sigmoid(z));
    }

    [Fact]
    public void Float_IsWithinOneUlp_OverTheWholeFiniteRange_ScalarAndEveryWidth()
    {
        float[] z = TestData.FiniteSweep<float>();
        var reference = new float[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            reference[i] = (float)StableDoubleSigmoid(z[i]);
        }

        long worst = 0;
        for (int i = 0; i < z.Length; i++)
        {
            long error = Ulps.Between(LogisticFunctions.Sigmoid(z[i]), reference[i]);
            if (error > 1)
            {
                Assert.Fail($"scalar sigma({z[i]:R}) = {LogisticFunctions.Sigmoid(z[i]):R}, reference {reference[i]:R}");
            }
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"float scalar: {z.Length} inputs, max error {worst} ulp");
        var a = new float[z.Length];
        foreach (SimdWidth width in SimdWidths.All)
        {
            LogisticFunctions.Sigmoid(z, a, width);
            worst = 0;
            for (int i = 0; i < z.Length; i++)
            {
                long error = Ulps.Between(a[i], reference[i]);
                if (error > 1)
                {
                    Assert.Fail($"{width} sigma({z[i]:R}) = {a[i]:R}, reference {reference[i]:R}");
                }
                worst = Math.Max(worst, error);
            }

            output.WriteLine($"float {width}: max error {worst} ulp");
        }
    }

    /// <summary>
    /// Double sigma against the double-double reference: a dense grid over [-760, 40] (the region where
    /// sigma is neither 0 nor 1 in double, including the subnormal results below z = -708.4), random
    /// logits of every magnitude, and the special values.
    /// </summary>
    [Fact]
    public void Double_IsWithinBound_OfDoubleDoubleReference_ScalarAndEveryWidth()
    {
        double[] z = DoubleSweep();

        // The reference once per input: (hi + lo) 2^k, or exactly 0 / 1 beyond |z| = 800.
        var reference = new (double Hi, double Lo, int K)[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            reference[i] = Math.Abs(z[i]) <= 800 ? SigmoidReference.Sigmoid(z[i]) : (z[i] > 0 ? 1.0 : 0.0, 0.0, 0);
        }

        var failures = new List<string>();
        var a = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = LogisticFunctions.Sigmoid(z[i]);
        }

        Measure("scalar");
        foreach (SimdWidth width in SimdWidths.All)
        {
            LogisticFunctions.Sigmoid(z, a, width);
            Measure(width.ToString());
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));

        void Measure(string name)
        {
            double worst = 0;
            int worstIndex = 0;
            for (int i = 0; i < z.Length; i++)
            {
                double error = SigmoidReference.UlpError(a[i], reference[i]);
                if (!(error <= worst))
                {
                    worst = error;
                    worstIndex = i;
                }
            }

            string line = $"double {name}: {z.Length} inputs, max error {worst:F3} ulp at z = {z[worstIndex]:R} (sigma = {a[worstIndex]:R})";
            output.WriteLine(line);
            if (!(worst <= DoubleUlpBound))
            {
                failures.Add(line);
            }
        }
    }

    private static double[] DoubleSweep()
    {
        var values = new List<double>();
        for (double z = -760; z <= 40; z += 1.0 / 32)
        {
            values.Add(z + (1.0 / 1024));
        }

        var random = new Random(7);
        for (int i = 0; i < 30_000; i++)
        {
            double magnitude = Math.Exp(random.NextDouble() * Math.Log(800 / 1e-300)) * 1e-300;
            values.Add(random.Next(2) == 0 ? magnitude : -magnitude);
        }

        values.AddRange(TestData.Specials<double>());
        return values.ToArray();
    }
}
