using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Training;

/// <summary>The same checks for a CSR X: its stored values must be finite (the structure was checked with the view).</summary>
internal static partial class TrainingDataValidation
{
    /// <summary>Validates the data and returns the number of rows of each class (sample weights do not count).</summary>
    public static (int Negatives, int Positives) Validate<T>(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ValidateShape(x.Rows, x.Columns, y.Length, sampleWeights.Length);
        ValidateFeatures(x);
        return ValidateLabelsAndWeights(y, sampleWeights);
    }

    /// <summary>Rows whose stored values sum to a finite number are valid; only the others are scanned, to name the entry.</summary>
    private static void ValidateFeatures<T>(ReadOnlyCsrMatrixSpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> offsets = x.RowOffsets;
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<T> row = x.Values[offsets[i]..offsets[i + 1]];
            if (T.IsFinite(TensorPrimitives.Sum(row)))
            {
                continue;
            }

            for (int k = 0; k < row.Length; k++)
            {
                if (!T.IsFinite(row[k]))
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(x), $"x[{i}, {x.ColumnIndices[offsets[i] + k]}] is {Describe(row[k])}; every feature must be finite.");
                }
            }
        }
    }
}
