using LogReg.Simd.Data;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests;

/// <summary>The README's sparse-training example, verbatim, so the README stays true.</summary>
public class ReadmeSparseExampleTests
{
    [Fact]
    public void ReadmeSparseExample_Runs()
    {
        // 4 rows x 5 features in compressed sparse rows: row i holds entries [offsets[i], offsets[i + 1]).
        int[] offsets = [0, 2, 3, 5, 6];
        int[] indices = [0, 3, 1, 0, 4, 2];
        double[] values = [1.5, -2.0, 0.5, -1.0, 3.0, 2.5];
        var x = new CsrMatrix<double>(offsets, indices, values, columns: 5);
        double[] y = [1, 0, 1, 0];

        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true }); // scales, never centers
        TrainingResult<double> fit = trainer.Fit(x.Span, y);
        // fit.Model.Scaler.Means are all 0: the model scores raw rows; fit.Report.SparseData is true.

        Assert.True(fit.Report.SparseData);
        Assert.All(fit.Model.Scaler!.Means.ToArray(), mean => Assert.Equal(0.0, mean));
        Assert.True(fit.Report.Converged);
    }
}
