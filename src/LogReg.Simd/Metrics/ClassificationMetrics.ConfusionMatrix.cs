using System.Numerics;

namespace LogReg.Simd.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>Computes the (weighted) confusion matrix of the predictions at a threshold.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="yTrue">The true labels, each 0 or 1.</param>
    /// <param name="probabilities">The predicted probabilities of class 1, each in [0, 1].</param>
    /// <param name="threshold">A sample is predicted as class 1 when its probability is greater than this; default 0.5.</param>
    /// <param name="sampleWeights">The sample weights, finite and non-negative; empty (the default) means all 1.</param>
    /// <returns>The summed weights of the four outcomes; precision, recall, F1 and accuracy are properties of it.</returns>
    /// <exception cref="ArgumentException">An input is empty, the lengths differ, a label is not 0 or 1, a probability is NaN or outside [0, 1], or a weight is invalid or all are zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static ConfusionMatrix ConfusionMatrix<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, double threshold = 0.5, ReadOnlySpan<T> sampleWeights = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckClassification(yTrue, probabilities, threshold, sampleWeights);
        return ConfusionCore(yTrue, probabilities, threshold, sampleWeights);
    }
}
