using System.Numerics;
using LogReg.Simd.Metrics;

namespace LogReg.Simd.Tests.Metrics;

public sealed class ClassificationMetricsFloatTests : ClassificationMetricsTests<float>
{
    // Inputs rounded to float move results by about 1e-8.
    protected override double Tolerance => 1e-6;
}

public sealed class ClassificationMetricsDoubleTests : ClassificationMetricsTests<double>
{
    protected override double Tolerance => 1e-12;
}

/// <summary>One set of tests, closed for float and for double.</summary>
public abstract partial class ClassificationMetricsTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    protected abstract double Tolerance { get; }

    protected static T[] Of(params double[] values) => Array.ConvertAll(values, T.CreateTruncating);

    protected void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // The cross-check arrays: ties at 0.35 and 0.5, the threshold 0.5 itself, the ends 0 and 1, and a zero weight.
    private static readonly double[] s_y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1];
    private static readonly double[] s_p = [0.1, 0.9, 0.35, 0.35, 0.5, 0.5, 0.0, 1.0, 0.8, 0.65, 0.35, 0.2, 0.7];
    private static readonly double[] s_w = [1.0, 2.0, 0.5, 1.5, 1.0, 3.0, 0.25, 1.0, 0.0, 2.0, 1.0, 0.5, 1.5];

    // Expected values from scikit-learn 1.2.1 (numpy 1.24.2), Debian python3-sklearn:
    //   import numpy as np
    //   from sklearn.metrics import roc_auc_score, log_loss, accuracy_score, confusion_matrix, precision_score, recall_score, f1_score
    //   y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1])
    //   p = np.array([0.1, 0.9, 0.35, 0.35, 0.5, 0.5, 0.0, 1.0, 0.8, 0.65, 0.35, 0.2, 0.7])
    //   w = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 3.0, 0.25, 1.0, 0.0, 2.0, 1.0, 0.5, 1.5])
    //   for sw in (None, w):
    //       roc_auc_score(y, p, sample_weight=sw); log_loss(y, p, sample_weight=sw)
    //       accuracy_score(y, p > 0.5, sample_weight=sw); confusion_matrix(y, p > 0.5, sample_weight=sw).ravel()  # tn, fp, fn, tp
    //       precision_score(y, p > 0.5, sample_weight=sw); recall_score(...); f1_score(...)
    [Fact]
    public void Metrics_MatchScikitLearn_Unweighted()
    {
        T[] y = Of(s_y), p = Of(s_p);
        AssertClose(0.8452380952380952, ClassificationMetrics.RocAuc<T>(y, p));
        AssertClose(0.46001744066086026, ClassificationMetrics.LogLoss<T>(y, p));
        AssertClose(0.6923076923076923, ClassificationMetrics.Accuracy<T>(y, p));
        Assert.Equal(new ConfusionMatrix(TruePositives: 4, FalsePositives: 1, TrueNegatives: 5, FalseNegatives: 3), ClassificationMetrics.ConfusionMatrix<T>(y, p));

        BinaryClassificationReport report = ClassificationMetrics.Evaluate<T>(y, p);
        Assert.Equal(13, report.Count);
        AssertClose(0.8, report.Precision);
        AssertClose(0.5714285714285714, report.Recall);
        AssertClose(0.6666666666666666, report.F1);
        AssertClose(0.6923076923076923, report.Accuracy);
        AssertClose(0.8452380952380952, report.RocAuc);
        AssertClose(0.46001744066086026, report.LogLoss);
    }

    [Fact]
    public void Metrics_MatchScikitLearn_Weighted()
    {
        T[] y = Of(s_y), p = Of(s_p), w = Of(s_w);
        AssertClose(0.7900432900432901, ClassificationMetrics.RocAuc<T>(y, p, w));
        AssertClose(0.5282495915188536, ClassificationMetrics.LogLoss<T>(y, p, w));
        AssertClose(0.7049180327868853, ClassificationMetrics.Accuracy<T>(y, p, 0.5, w));
        Assert.Equal(new ConfusionMatrix(TruePositives: 4.5, FalsePositives: 2, TrueNegatives: 6.25, FalseNegatives: 2.5), ClassificationMetrics.ConfusionMatrix<T>(y, p, 0.5, w));

        BinaryClassificationReport report = ClassificationMetrics.Evaluate<T>(y, p, 0.5, w);
        AssertClose(0.6923076923076923, report.Precision);
        AssertClose(0.6428571428571429, report.Recall);
        AssertClose(0.6666666666666666, report.F1);
        AssertClose(0.7049180327868853, report.Accuracy);
        AssertClose(0.7900432900432901, report.RocAuc);
        AssertClose(0.5282495915188536, report.LogLoss);
    }

    [Fact]
    public void RocAuc_HandComputed_NoTies() =>
        // Pairs (pos, neg): 0.35 beats 0.1 only, 0.8 beats both: 3 of 4.
        AssertClose(0.75, ClassificationMetrics.RocAuc<T>(Of(0, 0, 1, 1), Of(0.1, 0.4, 0.35, 0.8)));

    [Fact]
    public void RocAuc_HandComputed_TiesCountHalf() =>
        // Positives {0.5, 0.9, 0.2}, negatives {0.2, 0.5, 0.1}: 0.5 scores 1 + 1/2 + 1, 0.9 scores 3, 0.2 scores 1/2 + 0 + 1; 7 of 9.
        AssertClose(7.0 / 9.0, ClassificationMetrics.RocAuc<T>(Of(0, 1, 0, 1, 1, 0), Of(0.2, 0.5, 0.5, 0.9, 0.2, 0.1)));

    [Fact]
    public void RocAuc_AllScoresTied_IsOneHalf() =>
        AssertClose(0.5, ClassificationMetrics.RocAuc<T>(Of(0, 1, 1, 0, 1), Of(0.3, 0.3, 0.3, 0.3, 0.3)));

    [Fact]
    public void RocAuc_PerfectAndReversedRanking()
    {
        AssertClose(1.0, ClassificationMetrics.RocAuc<T>(Of(0, 0, 1, 1), Of(-3, 0, 2, 7)));
        AssertClose(0.0, ClassificationMetrics.RocAuc<T>(Of(1, 1, 0, 0), Of(-3, 0, 2, 7)));
    }

    [Fact]
    public void RocAuc_AcceptsLogitsAndInfinities() =>
        AssertClose(1.0, ClassificationMetrics.RocAuc<T>(Of(0, 0, 1, 1), Of(double.NegativeInfinity, -40, 1e6, double.PositiveInfinity)));

    [Fact]
    public void RocAuc_NegativeAndPositiveZeroAreOneTie() =>
        AssertClose(0.5, ClassificationMetrics.RocAuc<T>(Of(0, 1), [-T.Zero, T.Zero]));

    [Fact]
    public void RocAuc_WithScratch_EqualsPooled()
    {
        T[] y = Of(s_y), p = Of(s_p), w = Of(s_w);
        var scratch = new T[ClassificationMetrics.RocAucScratchLength(y.Length) + 3];
        Assert.Equal(ClassificationMetrics.RocAuc<T>(y, p, w), ClassificationMetrics.RocAuc<T>(y, p, w, scratch));
    }

    [Fact]
    public void Accuracy_ProbabilityEqualToThreshold_IsNegative()
    {
        // scikit-learn's predict is positive only when the decision function is > 0, i.e. p > 0.5.
        AssertClose(1.0, ClassificationMetrics.Accuracy<T>(Of(0, 1, 0), Of(0.5, 0.75, 0.25)));
        AssertClose(2.0 / 3.0, ClassificationMetrics.Accuracy<T>(Of(0, 1, 0), Of(0.5, 0.75, 0.25), threshold: 0.25));
        AssertClose(0.5, ClassificationMetrics.Accuracy<T>(Of(1, 0, 1), Of(0.9, 0.6, 0.2), 0.5, Of(2, 1, 1)));
    }

    [Fact]
    public void LogLoss_HandComputed()
    {
        AssertClose(Math.Log(2), ClassificationMetrics.LogLoss<T>(Of(1, 0), Of(0.5, 0.5)));
        AssertClose(-(Math.Log(0.8) + Math.Log(0.75)) / 3, ClassificationMetrics.LogLoss<T>(Of(1, 0, 1), Of(0.8, 0.25, 1.0)));
        AssertClose(-((2 * Math.Log(0.8)) + Math.Log(0.75)) / 3, ClassificationMetrics.LogLoss<T>(Of(1, 0), Of(0.8, 0.25), Of(2, 1)));
    }

    [Fact]
    public void LogLoss_ConfidentlyWrong_IsClippedAtMachineEpsilon()
    {
        // scikit-learn: log_loss([1, 0], np.array([0., 1.], dtype=dt)) is 36.04365338911715 for float64
        // (-log 2^-52) and 15.942385152878742 for float32 (-log 2^-23).
        double expected = typeof(T) == typeof(float) ? 15.942385152878742 : 36.04365338911715;
        AssertClose(expected, ClassificationMetrics.LogLoss<T>(Of(1, 0), Of(0, 1)));
    }

    [Fact]
    public void LogLoss_AgreesWithLogitLoss()
    {
        // The logit form needs no clipping; away from the clip the two must agree.
        double[] z = [-4, -0.5, 0, 0.25, 3];
        double[] y = [0, 1, 1, 0, 1];
        double expected = 0;
        for (int i = 0; i < z.Length; i++)
        {
            expected += LogReg.Simd.Kernels.LogisticFunctions.LogLoss(z[i], y[i]) / z.Length;
        }

        double[] p = Array.ConvertAll(z, v => LogReg.Simd.Kernels.LogisticFunctions.Sigmoid(v));
        AssertClose(expected, ClassificationMetrics.LogLoss<T>(Of(y), Of(p)));
    }

    [Fact]
    public void ConfusionMatrix_DerivedScores_FollowZeroDivisionZero()
    {
        var nothingPredicted = ClassificationMetrics.ConfusionMatrix<T>(Of(1, 0), Of(0.1, 0.2));
        Assert.Equal(new ConfusionMatrix(0, 0, 1, 1), nothingPredicted);
        Assert.Equal(0, nothingPredicted.Precision);
        Assert.Equal(0, nothingPredicted.Recall);
        Assert.Equal(0, nothingPredicted.F1);
        Assert.Equal(0.5, nothingPredicted.Accuracy);

        var noPositives = ClassificationMetrics.ConfusionMatrix<T>(Of(0, 0), Of(0.1, 0.2));
        Assert.Equal(0, noPositives.Recall);
        Assert.Equal(0, noPositives.F1);
        Assert.Equal(1, noPositives.Accuracy);
    }

    [Fact]
    public void Evaluate_OneClass_ReportsNaNRocAuc()
    {
        BinaryClassificationReport report = ClassificationMetrics.Evaluate<T>(Of(1, 1, 1), Of(0.9, 0.4, 0.7));
        Assert.True(double.IsNaN(report.RocAuc));
        AssertClose(2.0 / 3.0, report.Accuracy);
        Assert.Equal(0.5, report.Threshold);
    }
}
