using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>
/// Fits one model per value of C, in the order given, each fit warm-started from the previous one's coefficients,
/// as scikit-learn's <c>LogisticRegressionCV</c> does internally (its <c>Cs</c> go from strong to weak regularization,
/// 1e-4 to 1e4). Neighbouring optima are close, so the path costs fewer iterations than cold fits at each C.
/// </summary>
/// <remarks>
/// Every other setting comes from the options (solver, tolerance, standardization, class weights...); their
/// <see cref="LogisticRegressionOptions.Regularization"/> is replaced by each C in turn. Each model is the fit at its C
/// to the options' tolerance, whatever the order: only the starting point, and so the work, depends on the order.
/// </remarks>
public static class RegularizationPath
{
    /// <summary>Fits the path.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="options">The settings of every fit (their regularization is replaced by each C).</param>
    /// <param name="cs">The values of C, each finite and &gt; 0, at least one; fitted in this order.</param>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, 0 or 1.</param>
    /// <param name="sampleWeights">The m sample weights, or empty for all ones.</param>
    /// <param name="cancellationToken">Stops the path; the fit under way stops after its current iteration.</param>
    /// <returns>One step per C, in the order of <paramref name="cs"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="cs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="cs"/> is empty, or the data are invalid (see <see cref="LogisticRegressionTrainer"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of C is not finite and positive (the message names its index), or an option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">Gradient descent or SGD diverged.</exception>
    public static RegularizationPathResult<T> Fit<T>(
        LogisticRegressionOptions options,
        IReadOnlyList<double> cs,
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights = default,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateCs(cs);
        var steps = new RegularizationPathStep<T>[cs.Count];
        double[] weights = [];
        double bias = 0;
        for (int k = 0; k < cs.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = new LogisticRegressionTrainer(options with { Regularization = Regularization.FromC(cs[k]) });
            TrainingResult<T> result = k == 0
                ? trainer.Fit(x, y, sampleWeights, cancellationToken: cancellationToken)
                : trainer.Fit(x, y, sampleWeights, weights, bias, cancellationToken: cancellationToken);
            if (result.Report.Reason == ConvergenceReason.Cancelled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            steps[k] = new RegularizationPathStep<T>(cs[k], result);
            (weights, bias) = RawCoefficients(result.Model);
        }

        return new RegularizationPathResult<T>(steps);
    }

    /// <summary>Checks a list of C values: not empty, each finite and &gt; 0 with a finite inverse.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="cs"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names its index and value.</exception>
    internal static void ValidateCs(IReadOnlyList<double> cs)
    {
        ArgumentNullException.ThrowIfNull(cs);
        if (cs.Count == 0)
        {
            ThrowHelper.ThrowArgument(nameof(cs), "'cs' is empty; give at least one value of C.");
        }

        for (int k = 0; k < cs.Count; k++)
        {
            double c = cs[k];
            if (!double.IsFinite(c) || c <= 0 || !double.IsFinite(1 / c))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(cs), FormattableString.Invariant($"'cs'[{k}]:{c} must be a finite number > 0 whose inverse is finite."));
            }
        }
    }

    /// <summary>The model's raw-feature coefficients in double, the warm start of the next fit.</summary>
    internal static (double[] Weights, double Bias) RawCoefficients<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> raw = model.RawWeights;
        var weights = new double[raw.Length];
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = double.CreateTruncating(raw[j]);
        }

        return (weights, double.CreateTruncating(model.RawBias));
    }
}

/// <summary>The fits of a <see cref="RegularizationPath"/>, one step per C in the order given.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="Steps">The C values and their fits.</param>
public sealed record RegularizationPathResult<T>(IReadOnlyList<RegularizationPathStep<T>> Steps)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the iterations of all the fits together.</summary>
    public int TotalIterations => Steps.Sum(step => step.Result.Report.Iterations);

    /// <summary>Gets the loss-and-gradient passes of all the fits together.</summary>
    public int TotalFunctionEvaluations => Steps.Sum(step => step.Result.Report.FunctionEvaluations);
}

/// <summary>One C of a <see cref="RegularizationPath"/> and its fit.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="C">The inverse L2 strength of this fit.</param>
/// <param name="Result">The model and the report of the fit at <paramref name="C"/>.</param>
public sealed record RegularizationPathStep<T>(double C, TrainingResult<T> Result)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
