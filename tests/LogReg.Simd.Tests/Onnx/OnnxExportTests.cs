using System.Numerics;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using LogReg.Simd.Onnx;
using LogReg.Simd.Tests.TestSupport;
using Microsoft.ML.OnnxRuntime;
using static LogReg.Simd.Tests.Onnx.OnnxTestSupport;

namespace LogReg.Simd.Tests.Onnx;

/// <summary>Every exported model runs in ONNX Runtime and gives the library's probabilities and labels.</summary>
public sealed class OnnxExportTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "breast_cancer", false },
        { "breast_cancer", true },
        { "heart", false },
        { "heart", true },
    };

    /// <summary>
    /// 1e-6 everywhere but raw breast cancer: there each logit (|z| ~ 0.1-3) cancels terms summing to ~100 in
    /// absolute value, so float rounding alone may move it by ~1e-5. Measured: ONNX Runtime's and the library's
    /// probabilities each lie up to 1.4e-6 from the exact ones (in double, from the same float coefficients and
    /// rows), and they differ from each other by up to 1.73e-6.
    /// </summary>
    public static TheoryData<string, bool, double> FloatCases() => new()
    {
        { "breast_cancer", false, 2e-6 },
        { "breast_cancer", true, 1e-6 },
        { "heart", false, 1e-6 },
        { "heart", true, 1e-6 },
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_RunsInOnnxRuntime_WithTheLibrarysProbabilities(string data, bool standardize, double tolerance) =>
        RunsInOnnxRuntime<float>(data, standardize, tolerance);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_RunsInOnnxRuntime_WithTheLibrarysProbabilities(string data, bool standardize) =>
        RunsInOnnxRuntime<double>(data, standardize, 1e-12);

    private static void RunsInOnnxRuntime<T>(string dataName, bool standardize, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var data = DataSet(dataName);
        LogisticRegressionModel<T> model = Train<T>(dataName, standardize);
        T[] x = X<T>(data);
        T[] expected = Predict(model, x, data.Rows);

        var (positive, negative, labels) = RunOnnxRuntime(Export(model), x, data.Rows, data.Columns);

        double worst = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            worst = Math.Max(worst, Math.Abs(double.CreateTruncating(positive[i]) - double.CreateTruncating(expected[i])));
            Assert.Equal(1.0, double.CreateTruncating(positive[i]) + double.CreateTruncating(negative[i]), 1e-6);
            string predicted = model.Predict(x.AsSpan(i * data.Columns, data.Columns)) == 1 ? "1" : "0";
            Assert.Equal(predicted == "1" ? Positive(model) : Negative(model), labels[i]);
        }

        Assert.True(worst <= tolerance, $"max |P_onnxruntime - P_library| = {worst:E3} > {tolerance:E0}");
    }

    private static string Positive<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => model.ClassLabels!.Positive == "+1" ? "1" : model.ClassLabels.Positive;

    private static string Negative<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => model.ClassLabels!.Negative;

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTrip_Float_IsBitIdentical(string data, bool standardize) => RoundTrip<float>(data, standardize);

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTrip_Double_IsBitIdentical(string data, bool standardize) => RoundTrip<double>(data, standardize);

    private static void RoundTrip<T>(string dataName, bool standardize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LogisticRegressionModel<T> model = Train<T>(dataName, standardize);
        LogisticRegressionModel<T> back = OnnxModel.Import<T>(new MemoryStream(Export(model)));

        // The saved model file of each is the same bytes: weights, bias, scaler, metadata, names and labels.
        Assert.Equal(ModelJson.Serialize(model), ModelJson.Serialize(back));
        Assert.True(model.Weights.SequenceEqual(back.Weights));
        Assert.Equal(model.Bias, back.Bias);
        Assert.True(model.RawWeights.SequenceEqual(back.RawWeights));
        Assert.Equal(model.Scaler is null, back.Scaler is null);
        if (model.Scaler is { } scaler)
        {
            Assert.True(scaler.Means.SequenceEqual(back.Scaler!.Means));
            Assert.True(scaler.Scales.SequenceEqual(back.Scaler.Scales));
        }
    }

    [Fact]
    public void Import_WithoutTheMetadata_StillGivesTheSameProbabilities()
    {
        // The graph alone (as another tool would keep it): the Scaler's inverted float scales give the same model up to rounding.
        LogisticRegressionModel<float> model = Train<float>("breast_cancer", standardize: true);
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(Export(model));
        proto.MetadataProps.Clear();
        var data = DataSet("breast_cancer");
        float[] x = X<float>(data);

        LogisticRegressionModel<float> back = OnnxModel.Import<float>(new MemoryStream(Google.Protobuf.MessageExtensions.ToByteArray(proto)));

        Assert.Null(back.Metadata);
        Assert.Equal(new LogReg.Simd.Data.ClassLabels("benign", "malignant"), back.ClassLabels);
        Assert.True(model.Weights.SequenceEqual(back.Weights));
        float[] expected = Predict(model, x, data.Rows), actual = Predict(back, x, data.Rows);
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    [Fact]
    public void Metadata_NamesTheProducer_FeaturesAndTrainingReport()
    {
        LogisticRegressionModel<float> model = Train<float>("heart", standardize: false);
        using var session = new InferenceSession(Export(model));

        ModelMetadata metadata = session.ModelMetadata;
        Assert.Equal("LogReg.Simd", metadata.ProducerName);
        Assert.Equal(string.Join(',', model.FeatureNames!), metadata.CustomMetadataMap["feature_names"]);
        Assert.Contains("\"solver\": \"Lbfgs\"", metadata.CustomMetadataMap["logreg.model"], StringComparison.Ordinal);
        Assert.Equal(["X"], session.InputNames);
        Assert.Equal(["label", "probabilities"], session.OutputNames);
        Assert.Equal(new long[] { -1, 13 }, session.InputMetadata["X"].Dimensions.Select(d => (long)d));
    }

    [Fact]
    public void Float_LayoutIsSkl2onnxs_ScalerThenLinearClassifierWithLogistic()
    {
        LogisticRegressionModel<float> model = Train<float>("breast_cancer", standardize: true);
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(Export(model));

        Assert.Equal(["Scaler", "LinearClassifier"], proto.Graph.Node.Select(n => n.OpType));
        var classifier = proto.Graph.Node[1];
        Assert.Equal("ai.onnx.ml", classifier.Domain);
        Assert.Equal("LOGISTIC", classifier.Attribute.Single(a => a.Name == "post_transform").S.ToStringUtf8());
        Assert.Equal(60, classifier.Attribute.Single(a => a.Name == "coefficients").Floats.Count);
        Assert.Equal([("", 21L), ("ai.onnx.ml", 3L)], proto.OpsetImport.Select(o => (o.Domain, o.Version)));
        Assert.Equal(10, proto.IrVersion);
    }

    [Fact]
    public void StringLabels_ComeOutOfOnnxRuntimeAsStrings()
    {
        var data = SharedData.BreastCancer;
        LogisticRegressionModel<double> model = Train<double>("breast_cancer", standardize: true);
        double[] x = X<double>(data);

        var (_, _, labels) = RunOnnxRuntime(Export(model), x, data.Rows, data.Columns);

        Assert.Equal(Enumerable.Range(0, data.Rows).Select(i => model.Predict(x.AsSpan(i * 30, 30)) == 1 ? "malignant" : "benign"), labels);
    }

    [Fact]
    public void ReadmeOnnxExample_Runs()
    {
        // The README's ONNX sample, with temporary files.
        using var folder = new Cli.TempFolder();
        LogisticRegressionModel<float> model = Train<float>("heart", standardize: true);
        string path = folder.File("model.onnx");

        OnnxModel.Export(model, path);
        LogisticRegressionModel<float> served = OnnxModel.Import<float>(path);
        object any = OnnxModel.ImportAny(path);

        Assert.True(model.Weights.SequenceEqual(served.Weights));
        Assert.IsType<LogisticRegressionModel<float>>(any);
        Assert.Equal(model.PredictProbability(X<float>(SharedData.Heart).AsSpan(0, 13)), served.PredictProbability(X<float>(SharedData.Heart).AsSpan(0, 13)));
    }

    [Fact]
    public void ExportToPath_ReplacesTheFileWithOneRename_AndAFailureNamesThePath()
    {
        LogisticRegressionModel<float> model = Train<float>("heart", standardize: false);
        string folder = Path.Combine(Path.GetTempPath(), $"onnx-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "m.onnx");
            System.IO.File.WriteAllText(path, "previous");
            OnnxModel.Export(model, path);
            Assert.Equal(Export(model), System.IO.File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));

            string missing = Path.Combine(folder, "no-such-folder", "m.onnx");
            IOException e = Assert.ThrowsAny<IOException>(() => OnnxModel.Export(model, missing));
            Assert.StartsWith($"Cannot save the ONNX model to '{missing}'", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
