using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>Training on sparse (CSR) data.</summary>
public sealed partial class LogisticRegressionTrainer
{
    /// <summary>Fits a model to sparse examples <paramref name="x"/> and labels <paramref name="y"/>, with every solver, without densifying.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the model has the same element type.</typeparam>
    /// <param name="x">The m x n examples in compressed sparse rows, every stored value finite; m &gt;= 1, n &gt;= 1.</param>
    /// <param name="y">The m labels, each exactly 0 or 1, both classes present.</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0), or empty for all ones.</param>
    /// <param name="warmStart">A model to start from, or null to start at zero; see the dense overload.</param>
    /// <param name="progress">Receives each iteration's <see cref="TrainingProgress"/>, on the fitting thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit after the current iteration.</param>
    /// <returns>The model and the report (<see cref="TrainingReport.SparseData"/> set). The fit may not have converged: check <see cref="TrainingReport.Reason"/>.</returns>
    /// <exception cref="ArgumentException">
    /// The data are invalid: mismatched row counts, no rows or columns, a label other than 0 or 1, a single class, a class
    /// with zero total weight, or a warm-start model with another feature count.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A stored feature is NaN or infinite, or a label or weight is out of range; the message names the row, column and value. Or C is so small that lambda is not finite.</exception>
    /// <exception cref="TrainingDivergedException">Gradient descent or SGD diverged because the learning rate is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    /// <remarks>
    /// <para>
    /// The objective is the dense overload's; the passes run over the stored entries only (the sparse overloads of
    /// <see cref="Kernels.ParallelLossGradient"/>), bit-identical for every thread count. Mini-batch SGD gathers its
    /// batches' rows into a small CSR batch. Memory besides x: theta and the gradient (n + 1 doubles each, plus the
    /// solver's history), m residuals, and with standardization one scaled copy of the values.
    /// </para>
    /// <para>
    /// With <see cref="LogisticRegressionOptions.Standardize"/>, each feature is divided by its standard deviation
    /// (computed around its true mean, zeros included) and not centered, as scikit-learn's
    /// <c>StandardScaler(with_mean=False)</c>: centering would make every zero nonzero. The model's
    /// <see cref="LogisticRegressionModel{T}.Scaler"/> then has means 0, and its coefficients equal those of a
    /// scikit-learn pipeline of that scaler and <c>LogisticRegression</c>.
    /// </para>
    /// </remarks>
    public TrainingResult<T> Fit<T>(
        ReadOnlyCsrMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights = default,
        LogisticRegressionModel<T>? warmStart = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FitCore(default, x, isSparse: true, y, sampleWeights, warmStart, progress, cancellationToken);

    /// <summary>
    /// Fits a model to a sparse labelled data set; the model keeps the data set's <see cref="SparseDataset{T}.FeatureNames"/>
    /// and <see cref="SparseDataset{T}.ClassLabels"/>. Otherwise as <see cref="Fit{T}(ReadOnlyCsrMatrixSpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, LogisticRegressionModel{T}?, IProgress{TrainingProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the model has the same element type.</typeparam>
    /// <param name="data">The examples and their labels.</param>
    /// <param name="sampleWeights">The sample weights (finite, &gt;= 0), one for each row, or empty for all ones.</param>
    /// <param name="warmStart">A model to start from, or null to start at zero.</param>
    /// <param name="progress">Receives each iteration's <see cref="TrainingProgress"/>, on the fitting thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit after the current iteration.</param>
    /// <returns>The model and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data are invalid for the other overload.</exception>
    /// <exception cref="TrainingDivergedException">Gradient descent or SGD diverged because the learning rate is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public TrainingResult<T> Fit<T>(
        SparseDataset<T> data,
        ReadOnlySpan<T> sampleWeights = default,
        LogisticRegressionModel<T>? warmStart = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        TrainingResult<T> result = Fit(data.Features.Span, data.Labels, sampleWeights, warmStart, progress, cancellationToken);
        return result with { Model = result.Model.WithDataNames(data.FeatureNames, data.ClassLabels) };
    }
}
