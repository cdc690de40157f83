using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace LogReg.Compare;

/// <summary>One example as ML.NET reads it; the vector size is set at run time through the schema.</summary>
public sealed class MlNetRow
{
    [ColumnName("Features")]
    public float[] Features { get; set; } = [];

    [ColumnName("Label")]
    public bool Label { get; set; }
}

/// <summary>The columns of a binary prediction that the benchmark reads.</summary>
public sealed class MlNetPrediction
{
    [ColumnName("PredictedLabel")]
    public bool PredictedLabel { get; set; }

    [ColumnName("Probability")]
    public float Probability { get; set; }

    [ColumnName("Score")]
    public float Score { get; set; }
}

/// <summary>Loads the shared arrays as an ML.NET data view and configures the trainer.</summary>
internal static class MlNetRows
{
    public static IDataView Load(MLContext ml, float[] x, float[] y, int m, int n, out SchemaDefinition schema)
    {
        var rows = new MlNetRow[m];
        for (int i = 0; i < m; i++)
        {
            rows[i] = new MlNetRow { Features = x.AsSpan(i * n, n).ToArray(), Label = y[i] > 0.5f };
        }

        schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, n);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    public static LbfgsLogisticRegressionBinaryTrainer Trainer(MLContext ml, double tol, int threads) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            L2Regularization = 1f,
            L1Regularization = 0f,
            OptimizationTolerance = (float)tol,
            MaximumNumberOfIterations = 100_000,
            HistorySize = 10,
            NumberOfThreads = threads,
            ShowTrainingStatistics = false,
        });
}
