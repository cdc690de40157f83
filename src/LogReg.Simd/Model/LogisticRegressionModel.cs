using System.Numerics;
using System.Runtime.CompilerServices;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Model;

/// <summary>
/// A fitted binary logistic-regression model: P(y = 1 | x) = sigma(w . s(x) + b), where s is the
/// optional standardization. Immutable and safe to share across threads; predictions take raw
/// features, do not allocate and take no locks.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// When a scaler is present, <see cref="Weights"/> and <see cref="Bias"/> are the coefficients on
/// standardized features (scikit-learn's pipeline coefficients). Prediction folds the scaler into
/// them once, in double: v = w / scale and c = b - v . mean, so one dot product serves a row. The
/// folded logit equals the unfolded one up to rounding (a few ulps of the terms).
/// </remarks>
public sealed partial class LogisticRegressionModel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _weights;
    private readonly T[] _foldedWeights;
    private readonly T _foldedBias;
    private readonly SimdWidth _rowWidth;

    /// <summary>Creates a model from its coefficients.</summary>
    /// <param name="weights">The n weights, finite.</param>
    /// <param name="bias">The bias, finite.</param>
    /// <param name="scaler">The standardization applied to raw features first, or null; it must have n features.</param>
    /// <param name="metadata">How the model was trained, or null.</param>
    /// <param name="featureNames">The names of the n features, as the training data's header gave them, or null when unknown.</param>
    /// <param name="classLabels">The labels of class 0 and class 1 as the training data wrote them, or null when unknown.</param>
    /// <exception cref="ArgumentException">The scaler's feature count or the number of feature names is not n, or a feature name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight or the bias is not finite, or folding the scaler into them overflows.</exception>
    public LogisticRegressionModel(
        ReadOnlySpan<T> weights,
        T bias,
        StandardScaler<T>? scaler = null,
        TrainingMetadata? metadata = null,
        IReadOnlyList<string>? featureNames = null,
        ClassLabels? classLabels = null)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        for (int j = 0; j < weights.Length; j++)
        {
            if (!T.IsFinite(weights[j]))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(weights), $"'{nameof(weights)}[{j}]':{weights[j]} must be finite.");
            }
        }

        if (!T.IsFinite(bias))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bias), $"'{nameof(bias)}':{bias} must be finite.");
        }

        if (scaler is not null && scaler.FeatureCount != weights.Length)
        {
            ThrowHelper.ThrowArgument(nameof(scaler), $"'{nameof(scaler)}' has {scaler.FeatureCount} features; the model has {weights.Length}.");
        }

        if (featureNames is not null)
        {
            if (featureNames.Count != weights.Length)
            {
                ThrowHelper.ThrowLengthMismatch(nameof(featureNames), featureNames.Count, nameof(weights), weights.Length);
            }

            for (int j = 0; j < featureNames.Count; j++)
            {
                if (featureNames[j] is null)
                {
                    ThrowHelper.ThrowArgument(nameof(featureNames), $"'{nameof(featureNames)}[{j}]' is null.");
                }
            }

            FeatureNames = Array.AsReadOnly(featureNames.ToArray());
        }

        _weights = weights.ToArray();
        _rowWidth = SimdDispatch.Fit<T>(SimdWidths.Widest, weights.Length);
        Bias = bias;
        Scaler = scaler;
        Metadata = metadata;
        ClassLabels = classLabels;
        if (scaler is null)
        {
            _foldedWeights = _weights;
            _foldedBias = bias;
        }
        else
        {
            _foldedWeights = new T[weights.Length];
            double c = double.CreateTruncating(bias);
            for (int j = 0; j < weights.Length; j++)
            {
                double v = double.CreateTruncating(weights[j]) / double.CreateTruncating(scaler.Scales[j]);
                _foldedWeights[j] = T.CreateTruncating(v);
                c -= v * double.CreateTruncating(scaler.Means[j]);
            }

            _foldedBias = T.CreateTruncating(c);
            for (int j = 0; j < _foldedWeights.Length; j++)
            {
                if (!T.IsFinite(_foldedWeights[j]))
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(scaler), $"Weight {j} divided by its scale ({weights[j]} / {scaler.Scales[j]}) is {_foldedWeights[j]}; the model cannot predict from raw features.");
                }
            }

            if (!T.IsFinite(_foldedBias))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(scaler), $"The bias on raw features (b - sum w_j mean_j / scale_j) is {_foldedBias}; the model cannot predict from raw features.");
            }
        }
    }

    /// <summary>Gets the number of features a row must have.</summary>
    public int FeatureCount => _weights.Length;

    /// <summary>Gets the weights (on standardized features when <see cref="Scaler"/> is set).</summary>
    public ReadOnlySpan<T> Weights => _weights;

    /// <summary>Gets the bias (on standardized features when <see cref="Scaler"/> is set).</summary>
    public T Bias { get; }

    /// <summary>Gets the standardization applied to raw features, or null.</summary>
    public StandardScaler<T>? Scaler { get; }

    /// <summary>Gets how the model was trained, or null for a model built from coefficients.</summary>
    public TrainingMetadata? Metadata { get; }

    /// <summary>
    /// Gets the names of the features, as the header of the training data gave them (LIBSVM data: "1" to
    /// "n"), or null when they are unknown (a model built from coefficients or saved by format version 1).
    /// </summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>
    /// Gets the labels of class 0 and class 1 as the training data wrote them (such as <c>no</c> and
    /// <c>yes</c>), or null when they are unknown; <see cref="Predict"/> returns 1 for <see cref="ClassLabels.Positive"/>.
    /// </summary>
    public ClassLabels? ClassLabels { get; }

    /// <summary>Gets the weights on raw features, with the scaler folded in.</summary>
    public ReadOnlySpan<T> RawWeights => _foldedWeights;

    /// <summary>Gets the bias on raw features, with the scaler folded in.</summary>
    public T RawBias => _foldedBias;

    /// <summary>Computes the logit w . s(x) + b of one row of raw features.</summary>
    /// <param name="row">The <see cref="FeatureCount"/> features.</param>
    /// <returns>The logit; NaN if the row holds NaN.</returns>
    /// <exception cref="ArgumentException">The row length is not <see cref="FeatureCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T DecisionFunction(ReadOnlySpan<T> row)
    {
        if (row.Length != _foldedWeights.Length)
        {
            ThrowRowLength(row.Length);
        }

        return RowDot.Compute(row, _foldedWeights, _rowWidth) + _foldedBias;
    }

    /// <summary>Computes P(y = 1 | row).</summary>
    /// <param name="row">The <see cref="FeatureCount"/> raw features.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The row length is not <see cref="FeatureCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T PredictProbability(ReadOnlySpan<T> row) => LogisticFunctions.Sigmoid(DecisionFunction(row));

    /// <summary>Predicts the class of one row: 1 when P(y = 1 | row) &gt; <paramref name="threshold"/>, else 0.</summary>
    /// <param name="row">The <see cref="FeatureCount"/> raw features.</param>
    /// <param name="threshold">The decision threshold in [0, 1]. Default 0.5, as scikit-learn's predict.</param>
    /// <returns>0 or 1.</returns>
    /// <exception cref="ArgumentException">The row length is not <see cref="FeatureCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN or outside [0, 1].</exception>
    public int Predict(ReadOnlySpan<T> row, double threshold = 0.5)
    {
        if (!(threshold >= 0 && threshold <= 1))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(threshold), $"'{nameof(threshold)}':{threshold} must be in [0, 1].");
        }

        return double.CreateTruncating(PredictProbability(row)) > threshold ? 1 : 0;
    }

    /// <summary>Computes P(y = 1 | x_i) for every row of <paramref name="x"/>: the same bits as <see cref="PredictProbability(ReadOnlySpan{T})"/> row by row.</summary>
    /// <param name="x">The rows of raw features; <see cref="FeatureCount"/> columns.</param>
    /// <param name="destination">Receives one probability per row; at least <c>x.Rows</c> elements, apart from <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The column count is wrong, <paramref name="destination"/> is too short, or it overlaps <paramref name="x"/>.</exception>
    public void PredictProbabilities(ReadOnlyMatrixSpan<T> x, Span<T> destination)
    {
        CheckBatch(x, destination);
        Span<T> probabilities = destination[..x.Rows];
        RowDot.ComputeRows(x, _foldedWeights, _foldedBias, probabilities, _rowWidth);
        LogisticFunctions.Sigmoid(probabilities, probabilities);
    }

    /// <summary>Computes P(y = 1 | x_i) for every row, on several threads for a large batch.</summary>
    /// <param name="x">The rows of raw features; <see cref="FeatureCount"/> columns.</param>
    /// <param name="destination">Receives one probability per row; at least <c>x.Rows</c> elements, apart from <paramref name="x"/>.</param>
    /// <param name="maxDegreeOfParallelism">The most threads, or -1 for automatic (as <see cref="ParallelLossGradient.ResolveThreadCount"/>).</param>
    /// <exception cref="ArgumentException">The column count is wrong, <paramref name="destination"/> is too short, or it overlaps <paramref name="x"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public unsafe void PredictProbabilities(ReadOnlyMatrixSpan<T> x, Span<T> destination, int maxDegreeOfParallelism)
    {
        ThrowHelper.ThrowIfInvalidDegreeOfParallelism(maxDegreeOfParallelism);

        CheckBatch(x, destination);
        int threads = ParallelLossGradient.ResolveThreadCount(maxDegreeOfParallelism, x.Rows, x.Columns);
        const int RowsPerTask = 4096;
        int tasks = (x.Rows + RowsPerTask - 1) / RowsPerTask;
        if (threads <= 1 || tasks <= 1)
        {
            PredictProbabilities(x, destination);
            return;
        }

        fixed (T* xPtr = x.Span)
        fixed (T* dPtr = destination)
        {
            var work = new BatchWork((nint)xPtr, x.Rows, x.Columns, x.RowStride, (nint)dPtr, this);
            Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads }, work.Run);
        }
    }

    /// <summary>Returns this model with the feature names and class labels of the data it was fitted to.</summary>
    internal LogisticRegressionModel<T> WithDataNames(IReadOnlyList<string>? featureNames, ClassLabels? classLabels) =>
        new(_weights, Bias, Scaler, Metadata, featureNames, classLabels);

    private void CheckBatch(ReadOnlyMatrixSpan<T> x, Span<T> destination)
    {
        if (x.Columns != _foldedWeights.Length)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"'{nameof(x)}' has {x.Columns} columns; the model has {FeatureCount} features.");
        }

        if (destination.Length < x.Rows)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"'{nameof(destination)}':{destination.Length} is shorter than 'x.Rows':{x.Rows}.");
        }

        if (destination.Overlaps(x.Span))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(x));
        }
    }

    private void ThrowRowLength(int length) =>
        ThrowHelper.ThrowArgument("row", $"'row':{length} must have the model's {FeatureCount} features.");

    private sealed unsafe class BatchWork(nint x, int rows, int columns, int rowStride, nint destination, LogisticRegressionModel<T> model)
    {
        public void Run(int task)
        {
            const int RowsPerTask = 4096;
            int start = task * RowsPerTask;
            int count = Math.Min(RowsPerTask, rows - start);
            T* first = (T*)x + ((long)start * rowStride);
            var slice = new ReadOnlyMatrixSpan<T>(new ReadOnlySpan<T>(first, ((count - 1) * rowStride) + columns), count, columns, rowStride);
            model.PredictProbabilities(slice, new Span<T>((T*)destination + start, count));
        }
    }
}
