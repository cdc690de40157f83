using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// Property: on random problems (m in [1, 200], n in [1, 70], hard, soft or mixed labels, no sample
/// weights or weights in [0, 2] with about one in five exactly 0 (never all), lambda in [0, 1],
/// x ~ U(-1, 1) or N(0, 1), w and b ~ U(-1, 1), rows packed or padded to a longer stride with NaN in
/// the padding) the analytic gradient of every form matches central finite differences of J. One case
/// in three is saturated: w and b are multiplied by 30, 100 or 300, so |z| reaches hundreds to
/// thousands, and lambda is divided by the square of that factor, so the penalty keeps its weight
/// against the data term. Unsaturated cases: in double step 1e-6, atol 1e-8, rtol 1e-6, and a
/// relative error (floored at atol/rtol) of at most 1e-6 on every coordinate; in float, the form's float
/// gradient against double differences with the default options. Saturated cases use the step and
/// tolerance of <see cref="SaturatedOptions"/>. A failure prints FsCheck's Replay seed and the case's shape.
/// </summary>
public sealed class GradientPropertyTests
{
    private static readonly GradientCheckOptions Tight = new() { Step = 1e-6, AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-6 };

    private static readonly Gen<double> Uniform = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1e6);

    private static readonly Gen<double> Normal =
        from u1 in Gen.Choose(1, 1_000_000)
        from u2 in Gen.Choose(0, 1_000_000)
        select Math.Sqrt(-2 * Math.Log(u1 / 1e6)) * Math.Cos(2 * Math.PI * u2 / 1e6);

    private static readonly Gen<double> HardLabel = Gen.Elements(0.0, 1.0);

    private static readonly Gen<double> SoftLabel = Gen.Choose(0, 1_000_000).Select(i => i / 1e6);

    private static readonly Gen<double> SampleWeight = Gen.Frequency(
        (1, Gen.Constant(0.0)),
        (4, Gen.Choose(1, 2_000_000).Select(i => i / 1e6)));

    private static readonly Gen<GradientCase> Cases =
        from m in Gen.Choose(1, 200)
        from n in Gen.Choose(1, 70)
        from padding in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 9)))
        from normal in Gen.Elements(false, true)
        from x in Gen.ArrayOf(normal ? Normal : Uniform, m * n)
        from labels in Gen.Elements(LabelKind.Hard, LabelKind.Soft, LabelKind.Mixed)
        from y in Gen.ArrayOf(labels switch { LabelKind.Hard => HardLabel, LabelKind.Soft => SoftLabel, _ => Gen.OneOf(HardLabel, SoftLabel) }, m)
        from weighted in Gen.Elements(false, true)
        from s in weighted ? Gen.ArrayOf(SampleWeight, m) : Gen.Constant(Array.Empty<double>())
        from w in Gen.ArrayOf(Uniform, n)
        from b in Uniform
        from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (3, Gen.Choose(0, 1_000_000).Select(i => i / 1e6)))
        from saturation in Gen.Frequency((2, Gen.Constant(1.0)), (1, Gen.Elements(30.0, 100.0, 300.0)))
        select GradientCase.Create(m, n, padding, normal, labels, x, y, s, w, b, lambda, saturation);

    [Property(MaxTest = 40)]
    public Property Double_Looped_MatchesFiniteDifferences() => DoubleProperty(LossGradientForm.Looped);

    [Property(MaxTest = 40)]
    public Property Double_Vectorized_MatchesFiniteDifferences() => DoubleProperty(LossGradientForm.Vectorized);

    [Property(MaxTest = 40)]
    public Property Double_Fused_MatchesFiniteDifferences() => DoubleProperty(LossGradientForm.Fused);

    [Property(MaxTest = 40)]
    public Property Double_Parallel_MatchesFiniteDifferences() => DoubleProperty(LossGradientForm.Parallel);

    [Property(MaxTest = 30)]
    public Property Single_Looped_MatchesFiniteDifferences() => SingleProperty(LossGradientForm.Looped);

    [Property(MaxTest = 30)]
    public Property Single_Vectorized_MatchesFiniteDifferences() => SingleProperty(LossGradientForm.Vectorized);

    [Property(MaxTest = 30)]
    public Property Single_Fused_MatchesFiniteDifferences() => SingleProperty(LossGradientForm.Fused);

    [Property(MaxTest = 30)]
    public Property Single_Parallel_MatchesFiniteDifferences() => SingleProperty(LossGradientForm.Parallel);

    private static Property DoubleProperty(LossGradientForm form) =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            GradientCheckOptions options = c.Saturated ? SaturatedOptions(c, RoundingBound.UnitRoundoff<double>()) : Tight;
            GradientCheckReport report = GradientCheck.CheckLogisticLoss<double>(c.Matrix, c.Y, c.SampleWeights, c.Weights, c.Bias, c.Lambda, form, options);
            Assert.True(report.Passed && report.RelativeError <= 1e-6, $"{form} on {c} with step {options.Step:E2}, atol {options.AbsoluteTolerance:E2}: {report}");
        });

    private static Property SingleProperty(LossGradientForm form) =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            float[] x = Array.ConvertAll(c.X, v => (float)v);
            float[] y = Array.ConvertAll(c.Y, v => (float)v);
            float[] s = Array.ConvertAll(c.SampleWeights, v => (float)v);
            float[] w = Array.ConvertAll(c.Weights, v => (float)v);

            // The float case is the double case rounded; the tolerances are derived from the rounded values.
            GradientCase rounded = c with { X = Array.ConvertAll(x, v => (double)v), Y = Array.ConvertAll(y, v => (double)v), SampleWeights = Array.ConvertAll(s, v => (double)v), Weights = Array.ConvertAll(w, v => (double)v), Bias = (float)c.Bias, Lambda = (float)c.Lambda };
            GradientCheckOptions? options = c.Saturated ? SaturatedOptions(rounded, RoundingBound.UnitRoundoff<float>()) : null;
            GradientCheckReport report = GradientCheck.CheckLogisticLoss<float>(
                new ReadOnlyMatrixSpan<float>(x, c.Rows, c.Columns, c.RowStride), y, s, w, (float)c.Bias, (float)c.Lambda, form, options);
            Assert.True(report.Passed, $"{form} (float) on {c}{(options is null ? "" : $" with step {options.Step:E2}, atol {options.AbsoluteTolerance:E2}")}: {report}");
        });

    /// <summary>
    /// Step and tolerance for a saturated case, from bounds rather than by hand. With |z| in the thousands J is
    /// large (the loss of a misclassified row is about |z|), so its rounding error E, not the step, limits the
    /// central difference: |numerical - true| &lt;= E / h + T h^2 / 6, where T bounds the third derivative of J
    /// along a coordinate, (1/S) sum s_i |sigma''(z_i)| |x_ij|^3 &lt;= 0.0963 max|x|^3. E is the first-order
    /// rounding bound of the double J (<see cref="RoundingBound"/>: 2 u (m + n + 8) scale(J)). The step
    /// h = (3 E / T)^(1/3) minimizes that sum, and atol is the sum plus the rounding bound of the analytic
    /// gradient in the form's own precision u_T: per coordinate u_T (1/S) sum s_i |x_ij| ((n + 1) Z_i sigma'(z_i)
    /// + m + n + 8) + 2 u_T lambda |w_j|, where (n + 1) u_T Z_i bounds the error of z_i and sigma'(z_i) turns it
    /// into an error of the residual (negligible for saturated rows, which is what keeps this tight), and
    /// m + n + 8 covers the residual's own rounding and the sums. The check then still catches a dropped or
    /// doubled row (about 1/m of a coordinate), a wrong sign or a lost lane, but not an error below E / h,
    /// which <see cref="ResidualAccuracyTests"/> and the saturated-logit tests of the forms measure directly.
    /// </summary>
    private static GradientCheckOptions SaturatedOptions(GradientCase c, double analyticUnitRoundoff)
    {
        int m = c.Rows, n = c.Columns;
        double u = RoundingBound.UnitRoundoff<double>();
        double totalWeight = 0, lossScale = 0, largestX = 1;
        var analytic = new double[n + 1];
        for (int i = 0; i < m; i++)
        {
            double s = c.SampleWeights.Length == 0 ? 1 : c.SampleWeights[i];
            double z = c.Bias, zAbs = Math.Abs(c.Bias);
            for (int j = 0; j < n; j++)
            {
                double xij = c.X[(i * c.RowStride) + j];
                z += c.Weights[j] * xij;
                zAbs += Math.Abs(c.Weights[j] * xij);
                largestX = Math.Max(largestX, Math.Abs(xij));
            }

            double a = 1 / (1 + Math.Exp(-z));
            double rowFactor = ((n + 1) * zAbs * a * (1 - a)) + m + n + 8;
            totalWeight += s;
            lossScale += s * (1 + (2 * zAbs));
            for (int j = 0; j < n; j++)
            {
                analytic[j] += s * Math.Abs(c.X[(i * c.RowStride) + j]) * rowFactor;
            }

            analytic[n] += s * rowFactor;
        }

        double squares = c.Weights.Sum(w => w * w);
        lossScale = (lossScale / totalWeight) + (0.5 * c.Lambda * squares);
        double roundingOfJ = 2 * u * (m + n + 8) * lossScale;
        double thirdDerivative = 0.0963 * largestX * largestX * largestX;
        double step = Math.Cbrt(3 * roundingOfJ / thirdDerivative);
        double differenceError = (roundingOfJ / step) + (thirdDerivative * step * step / 6);
        double analyticError = 0;
        for (int j = 0; j <= n; j++)
        {
            double penalty = j < n ? 2 * c.Lambda * Math.Abs(c.Weights[j]) : 0;
            analyticError = Math.Max(analyticError, analyticUnitRoundoff * ((analytic[j] / totalWeight) + penalty));
        }

        return new GradientCheckOptions { Step = step, AbsoluteTolerance = differenceError + analyticError, RelativeTolerance = 1e-6 };
    }

    /// <summary>One random problem; <see cref="ToString"/> summarizes it for FsCheck's counterexample line.</summary>
    internal sealed record GradientCase(
        int Rows,
        int Columns,
        int RowStride,
        bool NormalX,
        LabelKind Labels,
        double[] X,
        double[] Y,
        double[] SampleWeights,
        double[] Weights,
        double Bias,
        double Lambda,
        double Saturation)
    {
        public bool Saturated => Saturation != 1;

        public ReadOnlyMatrixSpan<double> Matrix => new(X, Rows, Columns, RowStride);

        /// <summary>Pads rows to <paramref name="padding"/> more elements of NaN, keeps a sample weight nonzero, and scales w, b and lambda.</summary>
        public static GradientCase Create(int m, int n, int padding, bool normal, LabelKind labels, double[] packed, double[] y, double[] s, double[] w, double b, double lambda, double saturation)
        {
            int stride = n + padding;
            var x = new double[m * stride];
            Array.Fill(x, double.NaN);
            for (int i = 0; i < m; i++)
            {
                Array.Copy(packed, i * n, x, i * stride, n);
            }

            if (s.Length > 0 && s.All(v => v == 0))
            {
                s[0] = 1;
            }

            return new GradientCase(m, n, stride, normal, labels, x, y, s, w.Select(v => v * saturation).ToArray(), b * saturation, lambda / (saturation * saturation), saturation);
        }

        public override string ToString() =>
            $"m={Rows} n={Columns} stride={RowStride} x~{(NormalX ? "N(0,1)" : "U(-1,1)")} labels={Labels} weighted={SampleWeights.Length != 0} (zeros: {SampleWeights.Count(v => v == 0)}) saturation={Saturation} b={Bias:R} lambda={Lambda:R} w[0..3]=[{string.Join(", ", Weights.Take(3))}]";
    }
}
