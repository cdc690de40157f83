using System.Numerics;

namespace LogReg.Simd.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>Computes the (weighted) fraction of samples whose predicted class equals the label.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="yTrue">The true labels, each 0 or 1.</param>
    /// <param name="probabilities">The predicted probabilities of class 1, each in [0, 1].</param>
    /// <param name="threshold">A sample is predicted as class 1 when its probability is greater than this; default 0.5.</param>
    /// <param name="sampleWeights">The sample weights, finite and non-negative; empty (the default) means all 1.</param>
    /// <returns>sum of w_i over correct samples / sum of w_i, in [0, 1]; as scikit-learn's <c>accuracy_score</c>.</returns>
    /// <exception cref="ArgumentException">An input is empty, the lengths differ, a label is not 0 or 1, a probability is NaN or outside [0, 1], or a weight is invalid or all are zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static double Accuracy<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, double threshold = 0.5, ReadOnlySpan<T> sampleWeights = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckClassification(yTrue, probabilities, threshold, sampleWeights);
        return ConfusionCore(yTrue, probabilities, threshold, sampleWeights).Accuracy;
    }
}
