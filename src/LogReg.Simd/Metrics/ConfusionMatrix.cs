namespace LogReg.Simd.Metrics;

/// <summary>
/// The counts of a binary classifier's outcomes at one threshold, weighted by the sample weights
/// (with no weights each count is a whole number of samples).
/// </summary>
/// <param name="TruePositives">The weight of samples with label 1 predicted as 1.</param>
/// <param name="FalsePositives">The weight of samples with label 0 predicted as 1.</param>
/// <param name="TrueNegatives">The weight of samples with label 0 predicted as 0.</param>
/// <param name="FalseNegatives">The weight of samples with label 1 predicted as 0.</param>
/// <remarks>
/// A ratio whose denominator is zero is defined as 0, as scikit-learn does with its default
/// <c>zero_division</c> (which also warns; this type does not).
/// </remarks>
public readonly record struct ConfusionMatrix(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    /// <summary>Gets the total weight of all samples, TP + FP + TN + FN.</summary>
    public double Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Gets the fraction of samples classified correctly, (TP + TN) / Total; 0 when Total is 0.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>Gets the precision TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Gets the recall (true-positive rate) TP / (TP + FN); 0 when no sample has label 1.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Gets the F1 score 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall; 0 when TP + FP + FN is 0.</summary>
    /// <remarks>Written in this form, as scikit-learn computes it, so it needs no special case when precision or recall is 0/0.</remarks>
    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    private static double Ratio(double numerator, double denominator) =>
        denominator == 0 ? 0 : numerator / denominator;
}
