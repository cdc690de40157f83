using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// Property: on random problems (m in [1, 200], n in [1, 70], hard, soft or mixed labels, no sample
/// weights or weights in (0, 2], lambda in [0, 1], x ~ U(-1, 1) or N(0, 1), w and b ~ U(-1, 1)) the
/// analytic gradient of every form matches central finite differences of J. In double: step 1e-6,
/// atol 1e-8, rtol 1e-6, and a relative error (floored at atol/rtol) of at most 1e-6 on every
/// coordinate. In float, the form's float gradient against double differences with the default options.
/// A failure prints FsCheck's Replay seed and the case's shape.
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

    private static readonly Gen<GradientCase> Cases =
        from m in Gen.Choose(1, 200)
        from n in Gen.Choose(1, 70)
        from normal in Gen.Elements(false, true)
        from x in Gen.ArrayOf(normal ? Normal : Uniform, m * n)
        from labels in Gen.Elements(LabelKind.Hard, LabelKind.Soft, LabelKind.Mixed)
        from y in Gen.ArrayOf(labels switch { LabelKind.Hard => HardLabel, LabelKind.Soft => SoftLabel, _ => Gen.OneOf(HardLabel, SoftLabel) }, m)
        from weighted in Gen.Elements(false, true)
        from s in weighted ? Gen.ArrayOf(Gen.Choose(1, 2_000_000).Select(i => i / 1e6), m) : Gen.Constant(Array.Empty<double>())
        from w in Gen.ArrayOf(Uniform, n)
        from b in Uniform
        from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (3, Gen.Choose(0, 1_000_000).Select(i => i / 1e6)))
        select new GradientCase(m, n, normal, labels, x, y, s, w, b, lambda);

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
            GradientCheckReport report = GradientCheck.CheckLogisticLoss<double>(
                new ReadOnlyMatrixSpan<double>(c.X, c.Rows, c.Columns), c.Y, c.SampleWeights, c.Weights, c.Bias, c.Lambda, form, Tight);
            Assert.True(report.Passed && report.RelativeError <= 1e-6, $"{form} on {c}: {report}");
        });

    private static Property SingleProperty(LossGradientForm form) =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            float[] x = Array.ConvertAll(c.X, v => (float)v);
            float[] y = Array.ConvertAll(c.Y, v => (float)v);
            float[] s = Array.ConvertAll(c.SampleWeights, v => (float)v);
            float[] w = Array.ConvertAll(c.Weights, v => (float)v);
            GradientCheckReport report = GradientCheck.CheckLogisticLoss<float>(
                new ReadOnlyMatrixSpan<float>(x, c.Rows, c.Columns), y, s, w, (float)c.Bias, (float)c.Lambda, form);
            Assert.True(report.Passed, $"{form} (float) on {c}: {report}");
        });

    /// <summary>One random problem; <see cref="ToString"/> summarizes it for FsCheck's counterexample line.</summary>
    internal sealed record GradientCase(
        int Rows,
        int Columns,
        bool NormalX,
        LabelKind Labels,
        double[] X,
        double[] Y,
        double[] SampleWeights,
        double[] Weights,
        double Bias,
        double Lambda)
    {
        public override string ToString() =>
            $"m={Rows} n={Columns} x~{(NormalX ? "N(0,1)" : "U(-1,1)")} labels={Labels} weighted={SampleWeights.Length != 0} b={Bias:R} lambda={Lambda:R} w[0..3]=[{string.Join(", ", Weights.Take(3))}]";
    }
}
