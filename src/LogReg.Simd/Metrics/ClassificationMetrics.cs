using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Metrics;

/// <summary>
/// Metrics of a binary classifier: accuracy, log-loss, ROC AUC, the confusion matrix and the
/// scores derived from it, over spans of <see cref="float"/> or <see cref="double"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every metric takes the true labels (each exactly 0 or 1) and, optionally, sample weights
/// (finite, non-negative, not all zero; an empty span means every weight is 1), with the meaning
/// of scikit-learn's <c>sample_weight</c>. Results are accumulated and returned in double.
/// </para>
/// <para>
/// A sample is predicted positive when its probability is strictly greater than the threshold,
/// as scikit-learn's <c>LogisticRegression.predict</c> is positive only when the decision function
/// is greater than 0, that is when p &gt; 0.5.
/// </para>
/// <para>
/// Only <see cref="RocAuc{T}"/> (and <see cref="Evaluate{T}"/>, which calls it) needs memory: it
/// sorts a copy of the scores, in caller scratch or in arrays rented from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>. Nothing else allocates.
/// </para>
/// </remarks>
public static partial class ClassificationMetrics
{
    /// <summary>Sums the confusion matrix of already validated inputs.</summary>
    private static ConfusionMatrix ConfusionCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, double threshold, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        bool weighted = !sampleWeights.IsEmpty;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double w = weighted ? double.CreateTruncating(sampleWeights[i]) : 1.0;

            // Compared in double, so a float probability meets the threshold exactly as given.
            bool predicted = double.CreateTruncating(probabilities[i]) > threshold;
            if (yTrue[i] == T.One)
            {
                if (predicted)
                {
                    tp += w;
                }
                else
                {
                    fn += w;
                }
            }
            else if (predicted)
            {
                fp += w;
            }
            else
            {
                tn += w;
            }
        }

        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    private static void CheckClassification<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, double threshold, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        MetricsGuard.CheckLengths(yTrue, probabilities, nameof(probabilities), sampleWeights);
        MetricsGuard.CheckThreshold(threshold);
        MetricsGuard.CheckLabels(yTrue);
        MetricsGuard.CheckProbabilities(probabilities);
        MetricsGuard.CheckSampleWeights(sampleWeights);
    }
}
