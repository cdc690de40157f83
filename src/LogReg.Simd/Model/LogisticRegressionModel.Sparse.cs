using System.Runtime.CompilerServices;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels;

namespace LogReg.Simd.Model;

/// <summary>Scoring of sparse rows: (column index, value) pairs, and CSR matrices.</summary>
/// <remarks>
/// A sparse row scores against <see cref="RawWeights"/> and <see cref="RawBias"/>, the coefficients with the
/// scaler folded in. Without centering that is w_j / scale_j per stored entry; with centering the means move
/// into the bias (b - sum_j w_j mean_j / scale_j), so a model standardized with centering scores sparse rows
/// exactly as their dense form, and no row is densified.
/// </remarks>
public sealed partial class LogisticRegressionModel<T>
{
    /// <summary>Computes the logit w . s(x) + b of one sparse row of raw features.</summary>
    /// <param name="indices">The 0-based columns of the row's stored entries, strictly increasing, each below <see cref="FeatureCount"/>; other columns are zero.</param>
    /// <param name="values">The value of each stored entry, as many as <paramref name="indices"/>.</param>
    /// <returns>The logit; NaN if a value is NaN. The same bits for the row in <see cref="PredictProbabilities(ReadOnlyCsrMatrixSpan{T}, Span{T})"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the indices do not strictly increase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative or not below <see cref="FeatureCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T DecisionFunction(ReadOnlySpan<int> indices, ReadOnlySpan<T> values)
    {
        SparseRowDot.CheckRow(indices, values.Length, _foldedWeights.Length);
        return SparseRowDot.Compute(indices, values, _foldedWeights, SparseRowDot.Preferred) + _foldedBias;
    }

    /// <summary>Computes P(y = 1 | row) for one sparse row of raw features.</summary>
    /// <param name="indices">The 0-based columns of the row's stored entries, strictly increasing, each below <see cref="FeatureCount"/>.</param>
    /// <param name="values">The value of each stored entry, as many as <paramref name="indices"/>.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the indices do not strictly increase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative or not below <see cref="FeatureCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T PredictProbability(ReadOnlySpan<int> indices, ReadOnlySpan<T> values) => LogisticFunctions.Sigmoid(DecisionFunction(indices, values));

    /// <summary>
    /// Computes P(y = 1 | x_i) for every row of a sparse matrix: the same bits as
    /// <see cref="PredictProbability(ReadOnlySpan{int}, ReadOnlySpan{T})"/> row by row.
    /// </summary>
    /// <param name="x">The rows of raw features; at most <see cref="FeatureCount"/> columns (a matrix read from a file that never names the last features has fewer; they are zero).</param>
    /// <param name="destination">Receives one probability per row; at least <c>x.Rows</c> elements, apart from <paramref name="x"/>'s values.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> has more columns than the model has features, <paramref name="destination"/> is too short, or it overlaps the values.</exception>
    public void PredictProbabilities(ReadOnlyCsrMatrixSpan<T> x, Span<T> destination)
    {
        if (x.Columns > _foldedWeights.Length)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"'{nameof(x)}' has {x.Columns} columns; the model has {FeatureCount} features.");
        }

        if (destination.Length < x.Rows)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"'{nameof(destination)}':{destination.Length} is shorter than 'x.Rows':{x.Rows}.");
        }

        if (destination.Overlaps(x.Values))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(x));
        }

        Span<T> probabilities = destination[..x.Rows];
        SparseRowDot.ComputeRows(x, _foldedWeights, _foldedBias, probabilities, SparseRowDot.Preferred);
        LogisticFunctions.Sigmoid(probabilities, probabilities);
    }
}
