using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>Computes the (weighted) mean negative log-likelihood of the labels under the predicted probabilities.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="yTrue">The true labels, each 0 or 1.</param>
    /// <param name="probabilities">The predicted probabilities of class 1, each in [0, 1].</param>
    /// <param name="sampleWeights">The sample weights, finite and non-negative; empty (the default) means all 1.</param>
    /// <returns>-(1/S) sum_i w_i [y_i log p_i + (1 - y_i) log(1 - p_i)], with S = sum_i w_i and p_i clipped.</returns>
    /// <remarks>
    /// <para>
    /// Each probability is clipped to [eps, 1 - eps], where eps is the machine epsilon of
    /// <typeparamref name="T"/> (2^-23 for float, 2^-52 for double; not <see cref="float.Epsilon"/>,
    /// which is the smallest subnormal), as scikit-learn's <c>log_loss</c> does with its default
    /// <c>eps="auto"</c> (1.2 to 1.4) and always since 1.5. A confident wrong prediction therefore costs
    /// about 15.9 (float) or 36.0 (double) instead of infinity.
    /// </para>
    /// <para>
    /// This takes probabilities. To score logits without the round trip through the sigmoid (and
    /// without clipping), use <see cref="Kernels.LogisticFunctions.LogLoss{T}(T, T)"/>.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">An input is empty, the lengths differ, a label is not 0 or 1, a probability is NaN or outside [0, 1], or a weight is invalid or all are zero.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static double LogLoss<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, ReadOnlySpan<T> sampleWeights = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        MetricsGuard.CheckLengths(yTrue, probabilities, nameof(probabilities), sampleWeights);
        MetricsGuard.CheckLabels(yTrue);
        MetricsGuard.CheckProbabilities(probabilities);
        MetricsGuard.CheckSampleWeights(sampleWeights);
        return LogLossCore(yTrue, probabilities, sampleWeights);
    }

    private static double LogLossCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> probabilities, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // numpy's finfo(dtype).eps: 2^-23 and 2^-52.
        double eps = typeof(T) == typeof(float) ? 1.1920928955078125e-7 : 2.220446049250313e-16;
        double sum = 0, weightSum = 0;
        bool weighted = !sampleWeights.IsEmpty;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double w = weighted ? double.CreateTruncating(sampleWeights[i]) : 1.0;
            double p = Math.Clamp(double.CreateTruncating(probabilities[i]), eps, 1 - eps);

            // 1 - p is exact for p >= 0.5 (Sterbenz) and for any float p, so log(1 - p) keeps its digits where they matter.
            double loss = yTrue[i] == T.One ? -Math.Log(p) : -Math.Log(1 - p);
            sum += w * loss;
            weightSum += w;
        }

        return sum / weightSum;
    }
}
