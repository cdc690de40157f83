using System.Buffers;
using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Metrics;

public static partial class ClassificationMetrics
{
    /// <summary>Gets the length of the scratch span that <see cref="RocAuc{T}"/> needs for <paramref name="count"/> samples.</summary>
    /// <param name="count">The number of samples.</param>
    /// <returns>2 * <paramref name="count"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or too large for one span.</exception>
    public static int RocAucScratchLength(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue / 2);
        return 2 * count;
    }

    /// <summary>Computes the area under the ROC curve exactly, in O(m log m).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="yTrue">The true labels, each 0 or 1; both classes must be present.</param>
    /// <param name="scores">The scores, higher meaning more likely class 1: probabilities, logits or any other ranking. Infinities are allowed; NaN is not.</param>
    /// <param name="sampleWeights">The sample weights, finite and non-negative; empty (the default) means all 1.</param>
    /// <param name="scratch">
    /// Working memory of at least <see cref="RocAucScratchLength"/>(m) elements, overwritten. When empty
    /// (the default), two arrays of m elements are rented from <see cref="ArrayPool{T}.Shared"/> and returned.
    /// </param>
    /// <returns>The probability that a random positive outscores a random negative, ties counting 1/2, with pairs weighted by w_pos w_neg; in [0, 1].</returns>
    /// <remarks>
    /// Equal scores form one step of the ROC curve and the area is the trapezoidal sum over the
    /// distinct thresholds, which equals the Mann-Whitney U statistic with ties counted as 1/2. This is
    /// scikit-learn's <c>roc_auc_score</c>. Differences: scikit-learn rejects infinite scores, and it
    /// returns NaN with a warning when one class has only zero weights, where this throws.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// An input is empty, the lengths differ, a label is not 0 or 1, a score is NaN, a weight is invalid
    /// or all are zero, only one class is present or has positive weight, or <paramref name="scratch"/> is non-empty but too short.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static double RocAuc<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> scores, ReadOnlySpan<T> sampleWeights = default, Span<T> scratch = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        MetricsGuard.CheckLengths(yTrue, scores, nameof(scores), sampleWeights);
        MetricsGuard.CheckLabels(yTrue);
        MetricsGuard.CheckScores(scores);
        MetricsGuard.CheckSampleWeights(sampleWeights);
        if (!scratch.IsEmpty && scratch.Length / 2 < yTrue.Length)
        {
            ThrowHelper.ThrowArgument(nameof(scratch), $"'{nameof(scratch)}':{scratch.Length} is shorter than 2 * 'yTrue':{yTrue.Length}.");
        }

        double auc = RocAucCore(yTrue, scores, sampleWeights, scratch);
        if (double.IsNaN(auc))
        {
            ThrowOneClass(yTrue);
        }

        return auc;
    }

    /// <summary>Computes the ROC AUC of validated inputs; NaN when one class has no weight.</summary>
    private static double RocAucCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> scores, ReadOnlySpan<T> sampleWeights, Span<T> scratch)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int m = yTrue.Length;
        T[]? rentedKeys = null, rentedItems = null;
        Span<T> keys, items;
        if (scratch.IsEmpty)
        {
            rentedKeys = ArrayPool<T>.Shared.Rent(m);
            rentedItems = ArrayPool<T>.Shared.Rent(m);
            keys = rentedKeys.AsSpan(0, m);
            items = rentedItems.AsSpan(0, m);
        }
        else
        {
            keys = scratch[..m];
            items = scratch.Slice(m, m);
        }

        try
        {
            // The item carries label and weight in one value: +w for class 1, -w for class 0.
            // A zero weight loses its class, but it adds nothing to either class, so that is harmless.
            scores.CopyTo(keys);
            bool weighted = !sampleWeights.IsEmpty;
            for (int i = 0; i < m; i++)
            {
                T w = weighted ? sampleWeights[i] : T.One;
                items[i] = yTrue[i] == T.One ? w : -w;
            }

            keys.Sort(items);
            return SortedAuc(keys, items);
        }
        finally
        {
            if (rentedKeys is not null)
            {
                ArrayPool<T>.Shared.Return(rentedKeys);
                ArrayPool<T>.Shared.Return(rentedItems!);
            }
        }
    }

    /// <summary>Walks the scores from highest to lowest, one group of equal scores at a time.</summary>
    private static double SortedAuc<T>(ReadOnlySpan<T> sortedKeys, ReadOnlySpan<T> items)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double positivesAbove = 0, area = 0, negatives = 0;
        int i = sortedKeys.Length - 1;
        while (i >= 0)
        {
            T key = sortedKeys[i];
            double groupPositives = 0, groupNegatives = 0;

            // -0 and +0 compare equal, so they fall in one group, as in numpy.
            for (; i >= 0 && sortedKeys[i] == key; i--)
            {
                double item = double.CreateTruncating(items[i]);
                if (item > 0)
                {
                    groupPositives += item;
                }
                else
                {
                    groupNegatives -= item;
                }
            }

            // Each negative in the group beats every positive above it and ties (1/2) with those beside it.
            area += groupNegatives * (positivesAbove + (0.5 * groupPositives));
            positivesAbove += groupPositives;
            negatives += groupNegatives;
        }

        return positivesAbove > 0 && negatives > 0 ? area / (positivesAbove * negatives) : double.NaN;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOneClass<T>(ReadOnlySpan<T> yTrue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool hasPositive = yTrue.Contains(T.One);
        bool hasNegative = yTrue.IndexOfAnyExcept(T.One) >= 0;
        string message = hasPositive && hasNegative
            ? "ROC AUC is undefined when one class has zero total weight; 'sampleWeights' give all samples of one class weight 0."
            : $"ROC AUC is undefined when only one class is present; every label in 'yTrue' is {(hasPositive ? 1 : 0)}.";
        ThrowHelper.ThrowArgument(hasPositive && hasNegative ? "sampleWeights" : "yTrue", message);
    }
}
