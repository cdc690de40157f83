using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests;

/// <summary>The README's sparse example, verbatim, so the README stays true.</summary>
public class ReadmeSparseExampleTests
{
    [Fact]
    public void ReadmeSparseExample_Runs()
    {
        string libsvmPath = Path.Combine(AppContext.BaseDirectory, "TestData", "heart_scale.libsvm");

        SparseDataset<float> data = DatasetReader.ReadLibSvmSparse<float>(libsvmPath); // CSR; memory per stored entry
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true }); // scales, never centers
        LogisticRegressionModel<float> model = trainer.Fit(data).Model;                // the CSR passes; Report.SparseData is true
        ReadOnlyCsrMatrixSpan<float> x = data.Features.Span;                           // SliceRows(start, count) copies nothing
        float[] probabilities = new float[x.Rows];
        model.PredictProbabilities(x, probabilities);                                  // any model, standardized (centered) or not
        float p = model.PredictProbability(x.GetRowIndices(0), x.GetRowValues(0));     // one row: nanoseconds, no allocation

        Assert.Equal(probabilities[0], p);
        Assert.Equal(3378, x.NonZeroCount);
        Assert.All(model.Scaler!.Means.ToArray(), mean => Assert.Equal(0f, mean));
        Assert.Equal(data.ClassLabels, model.ClassLabels);
        TrainingResult<float> fit = trainer.Fit(data);
        Assert.True(fit.Report.SparseData);
        Assert.True(fit.Report.Converged);

        // The same fit from the densified rows (without centering there is nothing to densify for) agrees to rounding.
        Dataset<float> dense = DatasetReader.ReadLibSvm<float>(libsvmPath);
        float[] fromDense = new float[x.Rows];
        model.PredictProbabilities(dense.Features, fromDense);
        Assert.Equal(probabilities, fromDense, (a, b) => Math.Abs(a - b) <= 1e-6f);
    }
}
