namespace LogReg.Simd.Metrics;

/// <summary>The usual metrics of a binary classifier on one data set, as computed by <see cref="ClassificationMetrics.Evaluate{T}"/>.</summary>
/// <param name="Count">The number of samples (not weighted).</param>
/// <param name="Threshold">The threshold used for the confusion matrix: a sample is predicted positive when its probability is greater than it.</param>
/// <param name="ConfusionMatrix">The (weighted) confusion matrix at <paramref name="Threshold"/>.</param>
/// <param name="LogLoss">The (weighted) mean log-loss; see <see cref="ClassificationMetrics.LogLoss{T}"/>.</param>
/// <param name="RocAuc">The area under the ROC curve; <see cref="double.NaN"/> when only one class has positive weight.</param>
public readonly record struct BinaryClassificationReport(int Count, double Threshold, ConfusionMatrix ConfusionMatrix, double LogLoss, double RocAuc)
{
    /// <summary>Gets the accuracy at <see cref="Threshold"/>; see <see cref="Metrics.ConfusionMatrix.Accuracy"/>.</summary>
    public double Accuracy => ConfusionMatrix.Accuracy;

    /// <summary>Gets the precision at <see cref="Threshold"/>; see <see cref="Metrics.ConfusionMatrix.Precision"/>.</summary>
    public double Precision => ConfusionMatrix.Precision;

    /// <summary>Gets the recall at <see cref="Threshold"/>; see <see cref="Metrics.ConfusionMatrix.Recall"/>.</summary>
    public double Recall => ConfusionMatrix.Recall;

    /// <summary>Gets the F1 score at <see cref="Threshold"/>; see <see cref="Metrics.ConfusionMatrix.F1"/>.</summary>
    public double F1 => ConfusionMatrix.F1;
}
