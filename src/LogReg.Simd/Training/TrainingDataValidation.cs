using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Training;

/// <summary>
/// The checks a fit makes on its data, once, before training: shapes, finite features, binary labels,
/// valid weights and both classes present. Each message names the row, the column and the value.
/// </summary>
internal static partial class TrainingDataValidation
{
    /// <summary>Validates the data and returns the number of rows of each class (sample weights do not count).</summary>
    public static (int Negatives, int Positives) Validate<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ValidateShape(x.Rows, x.Columns, y.Length, sampleWeights.Length);
        ValidateFeatures(x);
        return ValidateLabelsAndWeights(y, sampleWeights);
    }

    // Rows, columns, labels and weights agree, with at least one row and one column.
    private static void ValidateShape(int m, int columns, int labels, int weights)
    {
        if (labels != m)
        {
            ThrowHelper.ThrowArgument("y", $"'y' has {labels} labels but 'x' has {m} rows; they must be equal.");
        }

        if (weights != 0 && weights != m)
        {
            ThrowHelper.ThrowArgument("sampleWeights", $"'sampleWeights' has {weights} weights but 'x' has {m} rows; they must be equal (or the weights empty).");
        }

        if (m == 0)
        {
            ThrowHelper.ThrowArgument("x", "'x' has no rows; a fit needs at least one example of each class.");
        }

        if (columns == 0)
        {
            ThrowHelper.ThrowArgument("x", $"'x' has {m} rows but no columns; a fit needs at least one feature.");
        }
    }

    /// <summary>A row whose sum is finite holds no NaN or infinity; only a row whose sum is not finite is scanned.</summary>
    private static void ValidateFeatures<T>(ReadOnlyMatrixSpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<T> row = x.GetRow(i);
            if (T.IsFinite(TensorPrimitives.Sum(row)))
            {
                continue;
            }

            for (int j = 0; j < row.Length; j++)
            {
                if (!T.IsFinite(row[j]))
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(x), $"x[{i}, {j}] is {Describe(row[j])}; every feature must be finite.");
                }
            }

            // The sum overflowed on finite values: the row is valid.
        }
    }

    private static (int Negatives, int Positives) ValidateLabelsAndWeights<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool weighted = !sampleWeights.IsEmpty;
        int negatives = 0, positives = 0;
        double negativeWeight = 0, positiveWeight = 0;
        for (int i = 0; i < y.Length; i++)
        {
            T label = y[i];
            double weight = 1;
            if (weighted)
            {
                T s = sampleWeights[i];
                if (!T.IsFinite(s) || s < T.Zero)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(sampleWeights), $"sampleWeights[{i}] is {Describe(s)}; sample weights must be finite and >= 0.");
                }

                weight = double.CreateTruncating(s);
            }

            if (label == T.Zero)
            {
                negatives++;
                negativeWeight += weight;
            }
            else if (label == T.One)
            {
                positives++;
                positiveWeight += weight;
            }
            else
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(y), $"y[{i}] is {Describe(label)}; labels must be exactly 0 or 1.");
            }
        }

        if (positives == 0 || negatives == 0)
        {
            int present = positives == 0 ? 0 : 1;
            ThrowHelper.ThrowArgument(nameof(y), $"'y' holds only class {present} (all {y.Length} rows); a fit needs both classes 0 and 1.");
        }

        if (positiveWeight == 0 || negativeWeight == 0)
        {
            int empty = positiveWeight == 0 ? 1 : 0;
            ThrowHelper.ThrowArgument(nameof(sampleWeights), $"Class {empty} has total sample weight 0 ({(empty == 1 ? positives : negatives)} rows, all weighted 0); a fit needs both classes to weigh something.");
        }

        return (negatives, positives);
    }

    private static string Describe<T>(T value)
        where T : IBinaryFloatingPointIeee754<T> =>
        T.IsNaN(value) ? "NaN" : T.IsPositiveInfinity(value) ? "+infinity" : T.IsNegativeInfinity(value) ? "-infinity" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
