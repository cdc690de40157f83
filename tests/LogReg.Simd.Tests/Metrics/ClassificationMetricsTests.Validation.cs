using LogReg.Simd.Metrics;

namespace LogReg.Simd.Tests.Metrics;

public abstract partial class ClassificationMetricsTests<T>
{
    // Every entry point that takes labels and probabilities, so each rule is checked on all of them.
    private static void ForEachProbabilityMetric(T[] y, T[] p, T[] w, Action<Action> check)
    {
        check(() => ClassificationMetrics.Accuracy<T>(y, p, 0.5, w));
        check(() => ClassificationMetrics.LogLoss<T>(y, p, w));
        check(() => ClassificationMetrics.ConfusionMatrix<T>(y, p, 0.5, w));
        check(() => ClassificationMetrics.Evaluate<T>(y, p, 0.5, w));
    }

    private static void ForEachMetric(T[] y, T[] p, T[] w, Action<Action> check)
    {
        ForEachProbabilityMetric(y, p, w, check);
        check(() => ClassificationMetrics.RocAuc<T>(y, p, w));
    }

    private static Action<Action> ThrowsArgument(string paramName, string message) => action =>
    {
        var e = Assert.Throws<ArgumentException>(action);
        Assert.Equal(paramName, e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    };

    [Fact]
    public void Metrics_ThrowsForEmptyInput() =>
        ForEachMetric([], [], [], ThrowsArgument("yTrue", "'yTrue' must not be empty."));

    [Fact]
    public void Metrics_ThrowsForLengthMismatch()
    {
        T[] y = new T[13], p = new T[12];
        ForEachProbabilityMetric(y, p, [], ThrowsArgument("probabilities", "'probabilities':12 must have the same length as 'yTrue':13."));
        ThrowsArgument("scores", "'scores':12 must have the same length as 'yTrue':13.")(() => ClassificationMetrics.RocAuc<T>(y, p));
    }

    [Fact]
    public void Metrics_ThrowsForSampleWeightsLengthMismatch() =>
        ForEachMetric(Of(0, 1, 0), Of(0.2, 0.8, 0.4), Of(1, 1), ThrowsArgument("sampleWeights", "'sampleWeights':2 must have the same length as 'yTrue':3."));

    [Fact]
    public void Metrics_ThrowsForLabelNotZeroOrOne()
    {
        ForEachMetric(Of(0, 1, 0.5), Of(0.2, 0.8, 0.4), [], ThrowsArgument("yTrue", "'yTrue'[2] is 0.5; labels must be 0 or 1."));
        ForEachMetric(Of(0, -1, 1), Of(0.2, 0.8, 0.4), [], ThrowsArgument("yTrue", "'yTrue'[1] is -1; labels must be 0 or 1."));
    }

    [Fact]
    public void Metrics_ThrowsForNaNLabel() =>
        ForEachMetric(Of(double.NaN, 1, 0), Of(0.2, 0.8, 0.4), [], ThrowsArgument("yTrue", "'yTrue'[0] is NaN; labels must be 0 or 1."));

    [Fact]
    public void Metrics_ThrowsForNaNProbability() =>
        ForEachProbabilityMetric(Of(0, 1, 0), Of(0.2, double.NaN, 0.4), [], ThrowsArgument("probabilities", "'probabilities'[1] is NaN; probabilities must be in [0, 1]."));

    [Fact]
    public void Metrics_ThrowsForProbabilityAboveOne() =>
        ForEachProbabilityMetric(Of(0, 1, 0), Of(0.2, 0.8, 1.5), [], ThrowsArgument("probabilities", "'probabilities'[2] is 1.5; probabilities must be in [0, 1]."));

    [Fact]
    public void Metrics_ThrowsForProbabilityBelowZero() =>
        ForEachProbabilityMetric(Of(0, 1, 0), Of(-0.25, 0.8, 0.4), [], ThrowsArgument("probabilities", "'probabilities'[0] is -0.25; probabilities must be in [0, 1]."));

    [Fact]
    public void RocAuc_ThrowsForNaNScore() =>
        ThrowsArgument("scores", "'scores'[3] is NaN; scores must not be NaN.")(() => ClassificationMetrics.RocAuc<T>(Of(0, 1, 0, 1), Of(-2, 5, 0, double.NaN)));

    [Fact]
    public void Metrics_ThrowsForNegativeWeight() =>
        ForEachMetric(Of(0, 1, 0), Of(0.2, 0.8, 0.4), Of(1, -2, 1), ThrowsArgument("sampleWeights", "'sampleWeights'[1] is -2; sample weights must be finite and non-negative."));

    [Fact]
    public void Metrics_ThrowsForNaNWeight() =>
        ForEachMetric(Of(0, 1, 0), Of(0.2, 0.8, 0.4), Of(1, 1, double.NaN), ThrowsArgument("sampleWeights", "'sampleWeights'[2] is NaN; sample weights must be finite and non-negative."));

    [Fact]
    public void Metrics_ThrowsForInfiniteWeight() =>
        ForEachMetric(Of(0, 1, 0), Of(0.2, 0.8, 0.4), Of(double.PositiveInfinity, 1, 1), ThrowsArgument("sampleWeights", "'sampleWeights'[0] is Infinity; sample weights must be finite and non-negative."));

    [Fact]
    public void Metrics_ThrowsForAllZeroWeights() =>
        ForEachMetric(Of(0, 1, 0), Of(0.2, 0.8, 0.4), Of(0, 0, 0), ThrowsArgument("sampleWeights", "'sampleWeights' are all zero; at least one sample needs a positive weight."));

    [Fact]
    public void Metrics_ThrowsForNaNThreshold()
    {
        T[] y = Of(0, 1), p = Of(0.2, 0.8);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Accuracy<T>(y, p, double.NaN)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.ConfusionMatrix<T>(y, p, double.NaN)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Evaluate<T>(y, p, double.NaN)).ParamName);
    }

    [Fact]
    public void RocAuc_ThrowsForOneClass()
    {
        ThrowsArgument("yTrue", "ROC AUC is undefined when only one class is present; every label in 'yTrue' is 1.")(() => ClassificationMetrics.RocAuc<T>(Of(1, 1), Of(0.2, 0.8)));
        ThrowsArgument("yTrue", "ROC AUC is undefined when only one class is present; every label in 'yTrue' is 0.")(() => ClassificationMetrics.RocAuc<T>(Of(0), Of(0.2)));
    }

    [Fact]
    public void RocAuc_ThrowsForClassWithZeroWeight() =>
        ThrowsArgument("sampleWeights", "ROC AUC is undefined when one class has zero total weight")(() => ClassificationMetrics.RocAuc<T>(Of(1, 0, 1), Of(0.2, 0.8, 0.4), Of(0, 1, 0)));

    [Fact]
    public void RocAuc_ThrowsForShortScratch() =>
        ThrowsArgument("scratch", "'scratch':5 is shorter than 2 * 'yTrue':3.")(() => ClassificationMetrics.RocAuc<T>(Of(1, 0, 1), Of(0.2, 0.8, 0.4), [], new T[5]));

    [Fact]
    public void RocAucScratchLength_ThrowsForNegativeOrHugeCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.RocAucScratchLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.RocAucScratchLength((int.MaxValue / 2) + 1));
        Assert.Equal(0, ClassificationMetrics.RocAucScratchLength(0));
    }

    [Fact]
    public void Metrics_ThrowsForHalf()
    {
        Half[] y = [Half.Zero, Half.One], p = [Half.Zero, Half.One];
        Assert.Throws<NotSupportedException>(() => ClassificationMetrics.Accuracy<Half>(y, p));
        Assert.Throws<NotSupportedException>(() => ClassificationMetrics.LogLoss<Half>(y, p));
        Assert.Throws<NotSupportedException>(() => ClassificationMetrics.RocAuc<Half>(y, p));
        Assert.Throws<NotSupportedException>(() => ClassificationMetrics.ConfusionMatrix<Half>(y, p));
        Assert.Throws<NotSupportedException>(() => ClassificationMetrics.Evaluate<Half>(y, p));
    }
}
