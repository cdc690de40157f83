using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using LogReg.Simd.Onnx;

namespace LogReg.Simd.Tests.Cli;

/// <summary>`logreg export` and `logreg import`.</summary>
public sealed class CliOnnxTests
{
    [Fact]
    public void TrainExportImport_GivesBackTheSameModel()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.model"), onnx = folder.File("m.onnx"), back = folder.File("back.model");
        Assert.Equal(0, CliRunner.Run("train", "--data", CliRunner.DataFile("breast_cancer.csv"), "--precision", "float", "--out", model).ExitCode);

        var export = CliRunner.Run("export", "--model", model, "--out", onnx);
        var import = CliRunner.Run("import", "--onnx", onnx, "--out", back);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(ModelJson.Serialize(ModelSerializer.Load<float>(model)), ModelJson.Serialize(ModelSerializer.Load<float>(back)));
        Assert.IsType<LogisticRegressionModel<float>>(OnnxModel.ImportAny(onnx));
    }

    [Fact]
    public void Import_OfAScikitLearnFile_WritesAModelThatPredicts()
    {
        using var folder = new TempFolder();
        string model = folder.File("sk.model");

        var import = CliRunner.Run("import", "--onnx", Path.Combine(AppContext.BaseDirectory, "TestData", "onnx", "heart_lr_double.onnx"), "--out", model);
        var predict = CliRunner.Run("predict", "--model", model, "--data", CliRunner.DataFile("heart_scale.libsvm"));

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported a double model of 13 features", import.Error, StringComparison.Ordinal);
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(271, predict.OutputLines.Length);
    }

    [Fact]
    public void Import_OfARefusedGraph_IsADataErrorOnOneLine()
    {
        using var folder = new TempFolder();
        string onnx = folder.File("bad.onnx");
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "onnx", "heart_lr_float_zipmap.onnx"));
        File.WriteAllBytes(onnx, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        CliAssert.OneLineError(CliRunner.Run("import", "--onnx", onnx, "--out", folder.File("x.model")), 3, "not a valid ONNX protobuf");
        Assert.False(File.Exists(folder.File("x.model")));
    }

    [Fact]
    public void Import_OfAMissingFile_IsADataError() =>
        CliAssert.OneLineError(CliRunner.Run("import", "--onnx", "no-such.onnx", "--out", "x.model"), 3, "'no-such.onnx' does not exist");

    [Fact]
    public void Export_OfAMissingModel_IsADataError() =>
        CliAssert.OneLineError(CliRunner.Run("export", "--model", "no-such.model", "--out", "x.onnx"), 3, "'no-such.model' does not exist");

    [Fact]
    public void Export_OntoItsOwnModel_IsAUsageError()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.model");
        Assert.Equal(0, CliRunner.Run("train", "--data", CliRunner.DataFile("heart_scale.libsvm"), "--out", model).ExitCode);
        CliAssert.OneLineError(CliRunner.Run("export", "--model", model, "--out", model), 2, "would destroy the input");
    }
}
