using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Onnx;
using LogReg.Simd.Tests.TestSupport;
using LogReg.Simd.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LogReg.Simd.Tests.Onnx;

/// <summary>Models trained on the real data sets, and ONNX Runtime as the client that runs the exported graphs.</summary>
internal static class OnnxTestSupport
{
    public static LabeledData DataSet(string name) => name switch
    {
        "breast_cancer" => SharedData.BreastCancer,
        "heart" => SharedData.Heart,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static T[] X<T>(LabeledData data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Array.ConvertAll(data.X, T.CreateTruncating);

    public static LogisticRegressionModel<T> Train<T>(string dataName, bool standardize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LabeledData data = DataSet(dataName);
        var options = new LogisticRegressionOptions { Standardize = standardize, MaxIterations = 500 };
        T[] x = X<T>(data);
        LogisticRegressionModel<T> model = new LogisticRegressionTrainer(options)
            .Fit(new ReadOnlyMatrixSpan<T>(x, data.Rows, data.Columns), Array.ConvertAll(data.Y, T.CreateTruncating)).Model;
        string[] names = [.. Enumerable.Range(0, data.Columns).Select(j => $"feature_{j}")];
        return model.WithDataNames(names, dataName == "heart" ? new ClassLabels("-1", "+1") : new ClassLabels("benign", "malignant"));
    }

    public static byte[] Export<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        OnnxModel.Export(model, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the graph in ONNX Runtime: P(class 1) per row from 'probabilities' [N, 2], and the label output.</summary>
    public static (T[] Positive, T[] Negative, string[] Labels) RunOnnxRuntime<T>(byte[] onnx, T[] x, int rows, int columns, string labelOutput = "label", string probabilitiesOutput = "probabilities")
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [rows, columns]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [labelOutput, probabilitiesOutput]);
        ReadOnlySpan<T> probabilities = outputs[1].GetTensorDataAsSpan<T>();
        Assert.Equal(new long[] { rows, 2 }, outputs[1].GetTensorTypeAndShape().Shape);
        var positive = new T[rows];
        var negative = new T[rows];
        for (int i = 0; i < rows; i++)
        {
            negative[i] = probabilities[2 * i];
            positive[i] = probabilities[(2 * i) + 1];
        }

        OrtValue label = outputs[0];
        Assert.Equal(new long[] { rows }, label.GetTensorTypeAndShape().Shape);
        string[] labels = label.GetTensorTypeAndShape().ElementDataType == TensorElementType.String
            ? label.GetStringTensorAsArray()
            : [.. label.GetTensorDataAsSpan<long>().ToArray().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return (positive, negative, labels);
    }

    public static T[] Predict<T>(LogisticRegressionModel<T> model, T[] x, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var p = new T[rows];
        model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, rows, model.FeatureCount), p);
        return p;
    }

    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "onnx", name);
}
