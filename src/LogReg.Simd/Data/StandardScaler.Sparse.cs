using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>Scaling without centering, for sparse data.</summary>
public sealed partial class StandardScaler<T>
{
    /// <summary>
    /// Learns the population standard deviation of each column of a CSR matrix and sets every mean to 0, as
    /// scikit-learn's <c>StandardScaler(with_mean=False)</c>: the scaler divides by the scale and subtracts nothing,
    /// so the zeros stay zero and the matrix stays sparse.
    /// </summary>
    /// <param name="x">The examples, at least one row; columns missing from a row count as zeros.</param>
    /// <returns>A scaler whose <see cref="Means"/> are all 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has no rows.</exception>
    /// <remarks>
    /// The variance is taken around the column's true mean (zeros included), as scikit-learn does: with the column's
    /// stored values v_k, mean = sum v_k / m and variance = (sum (v_k - mean)^2 + (m - stored) mean^2) / m, in double.
    /// A column of zero variance (within rounding, scikit-learn's test) gets scale 1.
    /// </remarks>
    public static StandardScaler<T> FitWithoutCentering(ReadOnlyCsrMatrixSpan<T> x)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        int m = x.Rows;
        int n = x.Columns;
        if (m == 0)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"'{nameof(x)}' has no rows; a scaler needs at least one.");
        }

        int first = x.RowOffsets[0], end = x.RowOffsets[m];
        ReadOnlySpan<int> indices = x.ColumnIndices[first..end];
        ReadOnlySpan<T> values = x.Values[first..end];
        var mean = new double[n];
        var stored = new int[n];
        for (int k = 0; k < values.Length; k++)
        {
            mean[indices[k]] += double.CreateTruncating(values[k]);
            stored[indices[k]]++;
        }

        for (int j = 0; j < n; j++)
        {
            mean[j] /= m;
        }

        var deviations = new double[n];
        for (int k = 0; k < values.Length; k++)
        {
            double d = double.CreateTruncating(values[k]) - mean[indices[k]];
            deviations[indices[k]] += d * d;
        }

        var scales = new T[n];
        for (int j = 0; j < n; j++)
        {
            double variance = (deviations[j] + ((m - stored[j]) * mean[j] * mean[j])) / m;
            if (double.IsFinite(mean[j]) && double.IsFinite(variance))
            {
                scales[j] = IsConstant(m, mean[j], variance) ? T.One : T.CreateTruncating(Math.Sqrt(variance));
            }
            else
            {
                scales[j] = ScaleInUnitsOfLargest(indices, values, j, m, stored[j]);
            }
        }

        return new StandardScaler<T>(new T[n], scales);
    }

    // A column whose moments overflow double: its moments in units of its largest magnitude, as the dense Fit does.
    private static T ScaleInUnitsOfLargest(ReadOnlySpan<int> indices, ReadOnlySpan<T> values, int column, int m, int stored)
    {
        double largest = 0, sum = 0, squares = 0;
        for (int k = 0; k < values.Length; k++)
        {
            largest = indices[k] == column ? Math.Max(largest, Math.Abs(double.CreateTruncating(values[k]))) : largest;
        }

        for (int k = 0; k < values.Length; k++)
        {
            sum += indices[k] == column ? double.CreateTruncating(values[k]) / largest / m : 0;
        }

        for (int k = 0; k < values.Length; k++)
        {
            double d = (double.CreateTruncating(values[k]) / largest) - sum;
            squares += indices[k] == column ? d * d / m : 0;
        }

        double variance = squares + ((m - stored) * sum * sum / m);
        return IsConstant(m, sum, variance) ? T.One : T.CreateTruncating(Math.Sqrt(variance) * largest);
    }

    /// <summary>
    /// A view of <paramref name="x"/> with each stored value divided by its column's scale: the same offsets and indices,
    /// new values (an array as long as <c>x.Values</c>, so the view's offsets still point at its rows).
    /// </summary>
    /// <remarks>Only for a scaler whose means are all 0 (the caller's contract): a mean would have to be subtracted from the zeros too.</remarks>
    internal ReadOnlyCsrMatrixSpan<T> ScaleValues(ReadOnlyCsrMatrixSpan<T> x)
    {
        var scaled = new T[x.Values.Length];
        int first = x.Rows == 0 ? 0 : x.RowOffsets[0];
        for (int k = first; k < first + x.NonZeroCount; k++)
        {
            scaled[k] = x.Values[k] / _scales[x.ColumnIndices[k]];
        }

        return new ReadOnlyCsrMatrixSpan<T>(x.RowOffsets, x.ColumnIndices, scaled, x.Columns, trusted: true);
    }
}
