using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Metrics;

namespace LogReg.Simd.Tests.Metrics;

/// <summary>Random labelled samples whose scores take few distinct levels, so ties are common.</summary>
/// <param name="Labels">0 or 1; both classes have positive total weight.</param>
/// <param name="Levels">Score levels 0 to 6; the score is Level / 6, a probability.</param>
/// <param name="Weights">Integer weights 0 to 3.</param>
public sealed record LabeledSamples(int[] Labels, int[] Levels, int[] Weights)
{
    public override string ToString() =>
        $"Labels [{string.Join(", ", Labels)}], Levels [{string.Join(", ", Levels)}], Weights [{string.Join(", ", Weights)}]";
}

public static class MetricArbitraries
{
    public static Arbitrary<LabeledSamples> LabeledSamples() =>
        Gen.Choose(2, 80)
            .SelectMany(n => Gen.Zip(
                Gen.Zip(Gen.Choose(0, 1).ArrayOf(n), Gen.Choose(0, 6).ArrayOf(n)),
                Gen.Frequency((1, Gen.Choose(0, 3).ArrayOf(n)), (1, Gen.Constant(Enumerable.Repeat(1, n).ToArray())))))
            .Select(t => new LabeledSamples(t.Item1.Item1, t.Item1.Item2, t.Item2))
            .Where(s => ClassWeight(s, 1) > 0 && ClassWeight(s, 0) > 0)
            .ToArbitrary();

    private static int ClassWeight(LabeledSamples s, int label) =>
        s.Labels.Zip(s.Weights).Where(x => x.First == label).Sum(x => x.Second);
}

public abstract partial class ClassificationMetricsTests<T>
{
    private static T[] Labels(LabeledSamples s) => Of(Array.ConvertAll(s.Labels, l => (double)l));

    private static T[] Scores(LabeledSamples s) => Of(Array.ConvertAll(s.Levels, l => l / 6.0));

    private static T[] Weights(LabeledSamples s) => Of(Array.ConvertAll(s.Weights, w => (double)w));

    /// <summary>The definition: over all (positive, negative) pairs, 1 when the positive scores higher, 1/2 on a tie, weighted by w_pos w_neg.</summary>
    private static double BruteForceAuc(LabeledSamples s)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < s.Labels.Length; i++)
        {
            for (int j = 0; j < s.Labels.Length; j++)
            {
                if (s.Labels[i] == 1 && s.Labels[j] == 0)
                {
                    double pairWeight = (double)s.Weights[i] * s.Weights[j];
                    total += pairWeight;
                    sum += pairWeight * (s.Levels[i] > s.Levels[j] ? 1 : s.Levels[i] == s.Levels[j] ? 0.5 : 0);
                }
            }
        }

        return sum / total;
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(MetricArbitraries)])]
    public void RocAuc_EqualsBruteForcePairCount(LabeledSamples s) =>
        AssertClose(BruteForceAuc(s), ClassificationMetrics.RocAuc<T>(Labels(s), Scores(s), Weights(s)));

    [Property(MaxTest = 100, Arbitrary = [typeof(MetricArbitraries)])]
    public void RocAuc_IsInvariantUnderStrictlyIncreasingTransform(LabeledSamples s)
    {
        // 2 s^3 + s - 7, then e^x: strictly increasing, and the levels stay far apart after rounding.
        T[] transformed = Of(Array.ConvertAll(s.Levels, l => Math.Exp((2 * Math.Pow(l / 6.0, 3)) + (l / 6.0) - 7)));
        AssertClose(ClassificationMetrics.RocAuc<T>(Labels(s), Scores(s), Weights(s)), ClassificationMetrics.RocAuc<T>(Labels(s), transformed, Weights(s)));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(MetricArbitraries)])]
    public void RocAuc_OfComplementScores_IsOneMinusRocAuc(LabeledSamples s)
    {
        T[] complement = Of(Array.ConvertAll(s.Levels, l => 1 - (l / 6.0)));
        AssertClose(1 - ClassificationMetrics.RocAuc<T>(Labels(s), Scores(s), Weights(s)), ClassificationMetrics.RocAuc<T>(Labels(s), complement, Weights(s)));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(MetricArbitraries)])]
    public void ConfusionMatrix_CountsSumToSampleCountAndWeight(LabeledSamples s)
    {
        var counts = ClassificationMetrics.ConfusionMatrix<T>(Labels(s), Scores(s));
        Assert.Equal(s.Labels.Length, counts.Total);
        Assert.Equal(s.Labels.Sum(), counts.TruePositives + counts.FalseNegatives);

        var weighted = ClassificationMetrics.ConfusionMatrix<T>(Labels(s), Scores(s), 0.5, Weights(s));
        Assert.Equal(s.Weights.Sum(), weighted.Total);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(MetricArbitraries)])]
    public void Evaluate_WithIntegerWeights_EqualsRepeatedSamples(LabeledSamples s)
    {
        var repeated = s.Labels.Index()
            .SelectMany(x => Enumerable.Repeat((Label: x.Item, Level: s.Levels[x.Index]), s.Weights[x.Index]))
            .ToArray();
        var expanded = new LabeledSamples(
            Array.ConvertAll(repeated, r => r.Label), Array.ConvertAll(repeated, r => r.Level), Array.ConvertAll(repeated, _ => 1));

        BinaryClassificationReport weighted = ClassificationMetrics.Evaluate<T>(Labels(s), Scores(s), 0.5, Weights(s));
        BinaryClassificationReport plain = ClassificationMetrics.Evaluate<T>(Labels(expanded), Scores(expanded));
        Assert.Equal(plain.ConfusionMatrix, weighted.ConfusionMatrix);
        AssertClose(plain.LogLoss, weighted.LogLoss);
        AssertClose(plain.RocAuc, weighted.RocAuc);
        AssertClose(ClassificationMetrics.RocAuc<T>(Labels(s), Scores(s), Weights(s)), weighted.RocAuc);
        AssertClose(ClassificationMetrics.LogLoss<T>(Labels(s), Scores(s), Weights(s)), weighted.LogLoss);
    }
}
