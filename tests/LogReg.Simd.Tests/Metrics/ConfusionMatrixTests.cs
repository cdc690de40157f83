using LogReg.Simd.Metrics;

namespace LogReg.Simd.Tests.Metrics;

public class ConfusionMatrixTests
{
    [Fact]
    public void DerivedScores_FromCounts()
    {
        var cm = new ConfusionMatrix(TruePositives: 3, FalsePositives: 2, TrueNegatives: 7, FalseNegatives: 5);
        Assert.Equal(17, cm.Total);
        Assert.Equal(3.0 / 5.0, cm.Precision, 15);
        Assert.Equal(3.0 / 8.0, cm.Recall, 15);
        Assert.Equal(10.0 / 17.0, cm.Accuracy, 15);
        Assert.Equal(2 * cm.Precision * cm.Recall / (cm.Precision + cm.Recall), cm.F1, 15);
    }

    [Fact]
    public void DerivedScores_ZeroOverZero_IsZero()
    {
        // scikit-learn's zero_division default: 0 (with a warning there).
        Assert.Equal(0, default(ConfusionMatrix).Accuracy);
        Assert.Equal(0, default(ConfusionMatrix).Precision);
        Assert.Equal(0, default(ConfusionMatrix).Recall);
        Assert.Equal(0, default(ConfusionMatrix).F1);

        var nothingPredicted = new ConfusionMatrix(TruePositives: 0, FalsePositives: 0, TrueNegatives: 4, FalseNegatives: 2);
        Assert.Equal(0, nothingPredicted.Precision);
        Assert.Equal(0, nothingPredicted.F1);
        Assert.Equal(4.0 / 6.0, nothingPredicted.Accuracy, 15);
    }

    [Fact]
    public void F1_WhenPrecisionIsZeroOverZeroButRecallIsDefined_IsZero()
    {
        var cm = new ConfusionMatrix(TruePositives: 0, FalsePositives: 0, TrueNegatives: 1, FalseNegatives: 3);
        Assert.Equal(0, cm.Recall);
        Assert.Equal(0, cm.F1);
    }
}
