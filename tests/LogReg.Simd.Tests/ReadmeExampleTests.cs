using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Model.Persistence;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests;

/// <summary>The README's API example, verbatim, so the README stays true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_Runs()
    {
        // 4 examples x 2 features, row-major.
        float[] x = [0.5f, 1.0f, -1.5f, 2.0f, 0.25f, -0.75f, 2.0f, 0.5f];
        float[] y = [1, 0, 1, 0];
        float[] w = [0.1f, -0.2f];
        float[] dw = new float[2];

        var matrix = new ReadOnlyMatrixSpan<float>(x, rows: 4, columns: 2);
        float loss = FusedLossGradient.Compute(matrix, y, sampleWeights: default, w, bias: 0f, lambda: 0.01f, dw, out float db);

        // The seed's loop computes the same objective and gradient.
        float[] dwLooped = new float[2];
        float lossLooped = LoopedLossGradient.Compute(matrix, y, default, w, 0f, 0.01f, dwLooped, out float dbLooped);
        Assert.Equal(lossLooped, loss, 5);

        Assert.Equal(dbLooped, db, 5);
        Assert.Equal(dwLooped[0], dw[0], 5);
        Assert.Equal(dwLooped[1], dw[1], 5);
    }

    [Fact]
    public void ReadmeTrainingExample_Runs()
    {
        string csvPath = Path.Combine(AppContext.BaseDirectory, "TestData", "breast_cancer.csv");
        string modelPath = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.lrsm");

        Dataset<double> data = DatasetReader.ReadCsv<double>(csvPath, new CsvReadOptions { Label = LabelColumn.Named("malignant") });
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true }); // C = 1, L-BFGS
        TrainingResult<double> fit = trainer.Fit(data.Features, data.Labels);
        double p = fit.Model.PredictProbability(data.Features.GetRow(0)); // raw features; the model keeps the scaler
        ModelSerializer.Save(fit.Model, modelPath);                         // atomic: temp file, flush, rename

        Assert.True(fit.Report.Converged);
        Assert.InRange(p, 0.5, 1.0); // row 0 is malignant
        Assert.Equal(p, ModelSerializer.Load<double>(modelPath).PredictProbability(data.Features.GetRow(0)));
        File.Delete(modelPath);
    }

    [Fact]
    public void ReadmeCrossValidationExample_Runs()
    {
        string csvPath = Path.Combine(AppContext.BaseDirectory, "TestData", "breast_cancer.csv");
        Dataset<double> data = DatasetReader.ReadCsv<double>(csvPath, new CsvReadOptions { Label = LabelColumn.Named("malignant") });

        var options = new LogisticRegressionOptions { Standardize = true };          // standardized inside each fold
        var cv = new CrossValidationOptions { Folds = 5, Cs = [1e-4, 1e-2, 1, 100] }; // log-loss, shuffle seed 0
        CrossValidationResult<double> result = CrossValidation.Fit(options, cv, data.Features, data.Labels);
        double chosenC = result.BestC;                        // the lowest mean held-out log-loss
        var model = result.Refit.Model;                       // refitted on all rows at chosenC

        RegularizationPathResult<double> path = RegularizationPath.Fit(options, [1e-4, 1e-2, 1, 100], data.Features, data.Labels);

        Assert.Equal(1.0, chosenC);
        Assert.Equal(result.MeanScores.Min(), result.MeanScores[result.BestIndex]);
        Assert.Equal(data.Columns, model.FeatureCount);
        Assert.Equal(4, path.Steps.Count);
    }
}
