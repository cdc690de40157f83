using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Metrics;

/// <summary>Argument checks shared by the metrics; the scans that find the offending index run only on failure.</summary>
internal static class MetricsGuard
{
    public static void CheckLengths<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> values, string valuesName, ReadOnlySpan<T> sampleWeights)
    {
        if (yTrue.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(yTrue), "'yTrue' must not be empty.");
        }

        if (values.Length != yTrue.Length)
        {
            ThrowHelper.ThrowLengthMismatch(valuesName, values.Length, "yTrue", yTrue.Length);
        }

        if (!sampleWeights.IsEmpty && sampleWeights.Length != yTrue.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(sampleWeights), sampleWeights.Length, "yTrue", yTrue.Length);
        }
    }

    public static void CheckLabels<T>(ReadOnlySpan<T> yTrue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < yTrue.Length; i++)
        {
            T y = yTrue[i];
            if (y != T.Zero && y != T.One)
            {
                ThrowHelper.ThrowArgument(nameof(yTrue), $"'yTrue'[{i}] is {Format(y)}; labels must be 0 or 1.");
            }
        }
    }

    public static void CheckProbabilities<T>(ReadOnlySpan<T> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // TensorPrimitives.Min/Max propagate NaN, so two vectorized reductions cover every rule.
        T min = TensorPrimitives.Min(probabilities);
        T max = TensorPrimitives.Max(probabilities);
        if (T.IsNaN(min) || min < T.Zero || max > T.One)
        {
            for (int i = 0; i < probabilities.Length; i++)
            {
                T p = probabilities[i];
                if (!(p >= T.Zero && p <= T.One))
                {
                    ThrowHelper.ThrowArgument(nameof(probabilities), $"'probabilities'[{i}] is {Format(p)}; probabilities must be in [0, 1].");
                }
            }
        }
    }

    public static void CheckScores<T>(ReadOnlySpan<T> scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(TensorPrimitives.Min(scores)))
        {
            int i = FirstNaN(scores);
            ThrowHelper.ThrowArgument(nameof(scores), $"'scores'[{i}] is NaN; scores must not be NaN.");
        }
    }

    public static void CheckSampleWeights<T>(ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (sampleWeights.IsEmpty)
        {
            return;
        }

        T min = TensorPrimitives.Min(sampleWeights);
        T max = TensorPrimitives.Max(sampleWeights);
        if (T.IsNaN(min) || min < T.Zero || T.IsInfinity(max))
        {
            for (int i = 0; i < sampleWeights.Length; i++)
            {
                T w = sampleWeights[i];
                if (!(w >= T.Zero && T.IsFinite(w)))
                {
                    ThrowHelper.ThrowArgument(nameof(sampleWeights), $"'sampleWeights'[{i}] is {Format(w)}; sample weights must be finite and non-negative.");
                }
            }
        }

        if (max == T.Zero)
        {
            ThrowHelper.ThrowArgument(nameof(sampleWeights), "'sampleWeights' are all zero; at least one sample needs a positive weight.");
        }
    }

    public static void CheckThreshold(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(threshold), "'threshold' is NaN.");
        }
    }

    public static string Format<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static int FirstNaN<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (T.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
