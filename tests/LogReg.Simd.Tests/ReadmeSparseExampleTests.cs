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
        Dataset<float> dense = DatasetReader.ReadLibSvm<float>(libsvmPath);
        LogisticRegressionModel<float> model = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true }).Fit(dense.Features, dense.Labels).Model;

        SparseDataset<float> data = DatasetReader.ReadLibSvmSparse<float>(libsvmPath); // CSR; memory per stored entry
        ReadOnlyCsrMatrixSpan<float> x = data.Features.Span;                           // SliceRows(start, count) copies nothing
        float[] probabilities = new float[x.Rows];
        model.PredictProbabilities(x, probabilities);                                  // any model, standardized (centered) or not
        float p = model.PredictProbability(x.GetRowIndices(0), x.GetRowValues(0));     // one row: nanoseconds, no allocation

        Assert.Equal(probabilities[0], p);
        Assert.Equal(model.PredictProbability(dense.Features.GetRow(0)), p, 5);
        Assert.Equal(3378, x.NonZeroCount);
    }
}
