namespace LogReg.Simd.Training;

/// <summary>The score that <see cref="CrossValidation"/> compares the values of C by, on each held-out fold.</summary>
public enum CrossValidationScoring
{
    /// <summary>Mean log-loss of the held-out rows (lower is better). The default.</summary>
    LogLoss,

    /// <summary>Accuracy at threshold 0.5 (higher is better); scikit-learn's default scoring for <c>LogisticRegressionCV</c>.</summary>
    Accuracy,

    /// <summary>Area under the ROC curve (higher is better).</summary>
    RocAuc,
}

/// <summary>
/// The settings of a k-fold cross-validation over values of C. Immutable; the defaults are scikit-learn's
/// <c>LogisticRegressionCV()</c> (5 folds, 10 values of C from 1e-4 to 1e4) except the scoring and the shuffle.
/// </summary>
/// <remarks>
/// <para>
/// The default scoring is log-loss, not scikit-learn's accuracy: log-loss is the loss the model minimizes, a proper
/// scoring rule that rewards calibrated probabilities, and it varies smoothly with C, while accuracy is a step function of
/// the predictions that often ties neighbouring values of C on small folds (a tie then goes to the first C, the most
/// regularized one in scikit-learn's order).
/// </para>
/// <para>
/// The split is stratified as scikit-learn's <c>StratifiedKFold</c>; with <see cref="ShuffleSeed"/> null it is exactly
/// <c>StratifiedKFold(n_splits=Folds, shuffle=False)</c>, the split <c>LogisticRegressionCV(cv=Folds)</c> uses.
/// </para>
/// </remarks>
public sealed record CrossValidationOptions
{
    /// <summary>Gets the defaults.</summary>
    public static CrossValidationOptions Default { get; } = new();

    /// <summary>Gets the number of folds K, at least 2 and at most the rows of the smaller class. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Gets the values of C, fitted in this order along each fold's <see cref="RegularizationPath"/>. Default: scikit-learn's
    /// <c>Cs=10</c>, <c>np.logspace(-4, 4, 10)</c>, from strong to weak regularization.
    /// </summary>
    public IReadOnlyList<double> Cs { get; init; } = LogSpace(-4, 4, 10);

    /// <summary>
    /// Gets the seed of the shuffle that assigns each class's rows to folds (<see cref="Random"/>, so the split is the same
    /// on every run and machine), or null to assign them in row order, as scikit-learn's default. Default 0.
    /// </summary>
    public int? ShuffleSeed { get; init; } = 0;

    /// <summary>Gets the score that chooses C. Default <see cref="CrossValidationScoring.LogLoss"/> (see remarks).</summary>
    public CrossValidationScoring Scoring { get; init; } = CrossValidationScoring.LogLoss;

    /// <summary>numpy's <c>logspace(start, stop, count)</c>: 10^(start + k (stop - start) / (count - 1)), k = 0 .. count - 1.</summary>
    private static double[] LogSpace(double start, double stop, int count)
    {
        var values = new double[count];
        double step = (stop - start) / (count - 1);
        for (int k = 0; k < count; k++)
        {
            values[k] = Math.Pow(10, k == count - 1 ? stop : start + (k * step));
        }

        return values;
    }
}
