using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Every error class: its exit code, and one line on stderr that starts with "error:" and has no stack trace.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MissingDataFile_IsADataError()
    {
        CliResult result = CliRunner.Run("train", "--data", _folder.File("nope.csv"));

        CliAssert.OneLineError(result, 3, "does not exist");
    }

    [Fact]
    public void DirectoryGivenAsAFile_IsADataError()
    {
        CliResult result = CliRunner.Run("train", "--data", _folder.Path);

        CliAssert.OneLineError(result, 3, "is a directory");
    }

    [Fact]
    public void BadCsv_IsADataError_NamingFileLineColumnAndText()
    {
        string data = _folder.File("bad.csv");
        File.WriteAllText(data, "mean_radius,y\n1.5,0\nabc,1\n");

        CliResult result = CliRunner.Run("train", "--data", data);

        CliAssert.OneLineError(result, 3, "bad.csv:3: column 'mean_radius': 'abc' is not a number");
    }

    [Fact]
    public void RaggedCsv_IsADataError()
    {
        string data = _folder.File("ragged.csv");
        File.WriteAllText(data, "a,b,y\n1,2,0\n1,1\n");

        CliAssert.OneLineError(CliRunner.Run("train", "--data", data), 3, "ragged.csv:3:");
    }

    [Fact]
    public void MissingModelFile_IsADataError()
    {
        CliAssert.OneLineError(CliRunner.Run("inspect", "--model", _folder.File("none.lrsm")), 3, "does not exist");
    }

    [Fact]
    public void TruncatedModel_IsADataError()
    {
        string model = SaveModel(3);
        byte[] bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length - 5)]);

        CliAssert.OneLineError(CliRunner.Run("inspect", "--model", model), 3, "truncated");
    }

    [Fact]
    public void CorruptModel_IsADataError()
    {
        string model = SaveModel(3);
        byte[] bytes = File.ReadAllBytes(model);
        bytes[14] ^= 0x10;
        File.WriteAllBytes(model, bytes);

        CliAssert.OneLineError(CliRunner.Run("inspect", "--model", model), 3, "checksum");
    }

    [Fact]
    public void FeatureCountMismatch_BetweenModelAndData_IsADataError()
    {
        string model = SaveModel(3);
        string data = _folder.File("two.csv");
        File.WriteAllText(data, "a,b\n1,2\n");

        CliAssert.OneLineError(CliRunner.Run("predict", "--model", model, "--data", data), 3, "the model has 3 features; '" + data + "' has 2 feature columns");
    }

    [Fact]
    public void FeatureCountMismatch_OnEvaluate_IsADataError()
    {
        string model = SaveModel(29);

        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", model, "--data", CliRunner.DataFile("breast_cancer.csv")), 3, "the model has 29 features; '" + CliRunner.DataFile("breast_cancer.csv") + "' has 30 feature columns plus the label column");
    }

    [Fact]
    public void UnknownFlag_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--bogus"), 2, "--bogus");
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("fit"), 2, "fit");
    }

    [Fact]
    public void CAndLambdaTogether_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--c", "1", "--lambda", "0.1"), 2, "--c and --lambda cannot be used together");
    }

    [Fact]
    public void StandardizeAndNoStandardize_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--standardize", "--no-standardize"), 2, "cannot be used together");
    }

    [Theory]
    [InlineData("--c", "-1")]
    [InlineData("--lambda", "-0.5")]
    [InlineData("--max-iter", "0")]
    [InlineData("--tol", "NaN")]
    public void OutOfRangeOptionValue_IsAUsageError(string flag, string value)
    {
        CliResult result = CliRunner.Run("train", flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEnumValue_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--solver", "bfgs"), 2, "bfgs");
    }

    [Fact]
    public void LabelFlagOnALibSvmFile_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--data", CliRunner.DataFile("heart_scale.libsvm"), "--label", "3"), 2, "--label applies to CSV files");
    }

    [Fact]
    public void MissingRequiredModelFlag_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("predict", "--data", CliRunner.DataFile("breast_cancer.csv")), 2, "--model");
    }

    [Fact]
    public void SingleClassData_IsADataError()
    {
        string data = _folder.File("one.csv");
        File.WriteAllText(data, "a,y\n1,1\n2,1\n");

        CliAssert.OneLineError(CliRunner.Run("train", "--data", data), 3, "class");
    }

    private string SaveModel(int features)
    {
        string path = _folder.File($"m{features}.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>(new double[features], 0.0), path);
        return path;
    }
}
