using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Onnx;
using Microsoft.ML.OnnxRuntime;
using static LogReg.Simd.Tests.Onnx.OnnxTestSupport;

namespace LogReg.Simd.Tests.Onnx;

/// <summary>
/// The graphs skl2onnx writes for scikit-learn's binary LogisticRegression and Pipeline(StandardScaler,
/// LogisticRegression), built by TestData/onnx/make_sklearn_onnx.py: imported, they give scikit-learn's predict_proba.
/// </summary>
public sealed class OnnxImportTests
{
    private static readonly Lazy<JsonDocument> s_reference = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(OnnxTestSupport.File("sklearn_onnx.json"))));

    public static TheoryData<string> Files() => new(s_reference.Value.RootElement.GetProperty("files").EnumerateObject().Select(p => p.Name));

    private static (double[] Probabilities, string Data, bool IsFloat, string[] Classes) Reference(string file)
    {
        JsonElement entry = s_reference.Value.RootElement.GetProperty("files").GetProperty(file);
        return (
            [.. entry.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble())],
            entry.GetProperty("data").GetString() == "heart_scale.libsvm" ? "heart" : "breast_cancer",
            entry.GetProperty("elementType").GetString() == "float",
            [.. entry.GetProperty("classes").EnumerateArray().Select(e => e.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Import_GivesScikitLearnsPredictProba(string file)
    {
        var (expected, dataName, isFloat, classes) = Reference(file);
        var data = DataSet(dataName);
        Assert.Equal(data.Rows, expected.Length);

        object imported = OnnxModel.ImportAny(OnnxTestSupport.File(file));

        double[] actual = imported switch
        {
            LogisticRegressionModel<float> f when isFloat => [.. Predict(f, X<float>(data), data.Rows).Select(p => (double)p)],
            LogisticRegressionModel<double> d when !isFloat => Predict(d, X<double>(data), data.Rows),
            _ => throw new Xunit.Sdk.XunitException($"{file}: imported as {imported.GetType().Name}"),
        };
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6, $"{file} row {i}: imported {actual[i]:R}, scikit-learn {expected[i]:R}");
        }

        var labels = imported is LogisticRegressionModel<float> m ? m.ClassLabels : ((LogisticRegressionModel<double>)imported).ClassLabels;
        Assert.Equal(new ClassLabels(classes[0], classes[1]), labels);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ScikitLearnFiles_RunInOnnxRuntime_AndPredictItsLabels(string file)
    {
        // The reference files are real ONNX: ONNX Runtime runs them, and the labels follow scikit-learn's probabilities.
        var (expected, dataName, isFloat, classes) = Reference(file);
        var data = DataSet(dataName);
        byte[] onnx = System.IO.File.ReadAllBytes(OnnxTestSupport.File(file));
        using var session = new InferenceSession(onnx);
        string labelOutput = session.OutputNames[0];
        using var input = isFloat
            ? OrtValue.CreateTensorValueFromMemory(X<float>(data), [data.Rows, data.Columns])
            : OrtValue.CreateTensorValueFromMemory(X<double>(data), [data.Rows, data.Columns]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [labelOutput]);

        long[] labels = outputs[0].GetTensorDataAsSpan<long>().ToArray();
        for (int i = 0; i < data.Rows; i++)
        {
            if (Math.Abs(expected[i] - 0.5) > 1e-6)
            {
                Assert.Equal(classes[expected[i] > 0.5 ? 1 : 0], labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImportThenExport_RunsInOnnxRuntime_WithScikitLearnsProbabilities(string file)
    {
        var (expected, dataName, isFloat, _) = Reference(file);
        var data = DataSet(dataName);
        object imported = OnnxModel.ImportAny(OnnxTestSupport.File(file));
        double[] actual = isFloat
            ? [.. RunOnnxRuntime(Export((LogisticRegressionModel<float>)imported), X<float>(data), data.Rows, data.Columns).Positive.Select(p => (double)p)]
            : RunOnnxRuntime(Export((LogisticRegressionModel<double>)imported), X<double>(data), data.Rows, data.Columns).Positive;
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6, $"{file} row {i}: {actual[i]:R} vs scikit-learn {expected[i]:R}");
        }
    }

    [Fact]
    public void Import_OfTheOtherElementType_IsRefusedWithBothTypesNamed()
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import<float>(OnnxTestSupport.File("heart_lr_double.onnx")));
        Assert.Contains("'X' is double, but a model of Single was asked for", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CastOfADoubleInput_BeforeTheScaler_IsImportedAsADoubleModel()
    {
        // skl2onnx casts an input of another type to float before the Scaler: X (double) -> Cast -> Scaler -> LinearClassifier.
        const string File = "breast_cancer_pipeline_float_zipmap.onnx";
        var model = global::Onnx.ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(OnnxTestSupport.File(File)));
        model.Graph.Input[0].Type.TensorType.ElemType = (int)global::Onnx.TensorProto.Types.DataType.Double;
        model.Graph.Node.Single(n => n.OpType == "Scaler").Input[0] = "X_float";
        var cast = new global::Onnx.NodeProto { Name = "Cast_input", OpType = "Cast", Input = { "X" }, Output = { "X_float" } };
        cast.Attribute.Add(new global::Onnx.AttributeProto { Name = "to", Type = global::Onnx.AttributeProto.Types.AttributeType.Int, I = (int)global::Onnx.TensorProto.Types.DataType.Float });
        model.Graph.Node.Insert(0, cast);
        var (expected, _, _, _) = Reference(File);
        var data = DataSet("breast_cancer");

        var imported = Assert.IsType<LogisticRegressionModel<double>>(OnnxModel.ImportAny(new MemoryStream(Google.Protobuf.MessageExtensions.ToByteArray(model))));

        double[] actual = Predict(imported, X<double>(data), data.Rows);
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6, $"row {i}: imported {actual[i]:R}, scikit-learn {expected[i]:R}");
        }
    }
}
