using System.Diagnostics;
using System.Text.Json;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;

namespace LogReg.Simd.Tests.Cli;

/// <summary>How the CLI finds and reads data: delimiters, headers, formats, output paths and width checks.</summary>
public sealed class CliDataInputTests : IDisposable
{
    private const string Rows = "1,2,0\n3,4,1\n2,2,0\n5,1,1\n0,3,0\n4,4,1\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(";", ";")]
    [InlineData("|", "|")]
    [InlineData("tab", "\t")]
    [InlineData("TAB", "\t")]
    [InlineData("\\t", "\t")]
    [InlineData("\t", "\t")]
    public void Delimiter_ReadsTheFileItNames(string flag, string delimiter)
    {
        string data = Write("d.csv", "a,b,y\n" + Rows, delimiter);

        using JsonDocument json = TrainJson("--data", data, "--delimiter", flag);

        Assert.Equal(6, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("data").GetProperty("features").GetInt32());
    }

    [Fact]
    public void Delimiter_SemicolonFile_TrainPredictEvaluate()
    {
        string data = Write("semi.csv", "a,b,y\n" + Rows, ";");
        string model = _folder.File("m.lrsm");

        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--data", data, "--delimiter", ";", "--out", model).ExitCode);
        CliResult predicted = CliRunner.Run("predict", "--model", model, "--data", data, "--delimiter", ";");
        CliResult evaluated = CliRunner.Run("evaluate", "--model", model, "--data", data, "--delimiter", ";", "--json");

        Assert.Equal(0, predicted.ExitCode);
        Assert.Equal(7, predicted.OutputLines.Length);
        Assert.Equal(0, evaluated.ExitCode);
        using JsonDocument json = JsonDocument.Parse(evaluated.Output);
        Assert.Equal(6, json.RootElement.GetProperty("rows").GetInt32());
    }

    [Theory]
    [InlineData(";;", "is not one character")]
    [InlineData("", "is not one character")]
    [InlineData("semicolon", "is not one character")]
    [InlineData("\"", "cannot separate CSV fields")]
    [InlineData("\n", "cannot separate CSV fields")]
    public void Delimiter_BadValue_IsAUsageErrorNamingTheFlagAndValue(string value, string problem)
    {
        CliResult result = CliRunner.Run("train", "--data", Write("d.csv", "a,b,y\n" + Rows), "--delimiter", value);

        CliAssert.OneLineError(result, 2, "--delimiter '");
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(";", null, "line 1 has no ',' but has ';': add --delimiter ';'")]
    [InlineData("\t", null, "line 1 has no ',' but has tabs: add --delimiter tab")]
    [InlineData(",", ";", "line 1 has no ';' but has ',': add --delimiter ','")]
    public void Delimiter_Wrong_FailsWithAHintNamingTheOneTheFileUses(string fileDelimiter, string? flag, string hint)
    {
        // A long header read as one column: the message shortens it and says which delimiter to use.
        string header = string.Join(',', Enumerable.Range(0, 30).Select(i => "feature_number_" + i)) + ",y";
        string data = Write("d.csv", header + "\n" + string.Concat(Enumerable.Repeat(string.Join(',', Enumerable.Range(0, 31).Select(i => i % 2)) + "\n", 3)), fileDelimiter);

        CliResult result = CliRunner.Run(flag is null ? ["train", "--data", data] : ["train", "--data", data, "--delimiter", flag]);

        CliAssert.OneLineError(result, 3, "d.csv:2: column 'feature_number_0");
        Assert.EndsWith($"({hint})", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.True(result.Error.Length < 400, result.Error);
    }

    [Fact]
    public void Delimiter_OnALibSvmFile_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--data", CliRunner.DataFile("heart_scale.libsvm"), "--delimiter", ";"), 2, "--no-header and --delimiter apply to CSV files");
    }

    [Fact]
    public void CsvFlags_WithoutDataFile_AreAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--no-header"), 2, "describe a --data file");
    }

    [Fact]
    public void HeaderlessCsv_WithoutNoHeader_IsADataErrorSuggestingNoHeader()
    {
        string data = Write("plain.csv", Rows);

        CliResult train = CliRunner.Run("train", "--quiet", "--data", data);
        CliResult predict = CliRunner.Run("predict", "--model", SaveModel(2), "--data", data);

        foreach (var result in new[] { train, predict })
        {
            CliAssert.OneLineError(result, 3, "plain.csv:1: '1,2,0' is all numbers");
            Assert.Contains("--no-header", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoHeader_TrainsOnEveryRow_AndPredictReturnsEveryRow()
    {
        string data = Write("plain.csv", Rows);
        string model = _folder.File("m.lrsm");

        CliResult train = CliRunner.Run("train", "--quiet", "--json", "--data", data, "--no-header", "--out", model);
        CliResult predict = CliRunner.Run("predict", "--model", model, "--data", data, "--no-header");
        CliResult evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data, "--no-header", "--json");

        Assert.Equal(0, train.ExitCode);
        using JsonDocument json = JsonDocument.Parse(train.Output);
        Assert.Equal(6, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(["probability", .. Enumerable.Repeat("p", 6)], predict.OutputLines.Select((l, i) => i == 0 ? l : "p"));
        using JsonDocument metrics = JsonDocument.Parse(evaluate.Output);
        Assert.Equal(6, metrics.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void NoHeader_LabelTakesAnIndex()
    {
        // The label in column 0: the same fit as the same data with the label last.
        string first = Write("first.csv", "0,1,2\n1,3,4\n0,2,2\n1,5,1\n0,0,3\n1,4,4\n");
        string last = Write("last.csv", Rows);

        using JsonDocument a = TrainJson("--data", first, "--no-header", "--label", "0");
        using JsonDocument b = TrainJson("--data", last, "--no-header");

        Assert.Equal(b.RootElement.GetProperty("weights").ToString(), a.RootElement.GetProperty("weights").ToString());
        CliAssert.OneLineError(CliRunner.Run("train", "--data", first, "--no-header", "--label", "y"), 3, "label column 'y' does not exist; without a header the columns are named by index, 0 to 2");
    }

    [Theory]
    [InlineData("heart_scale")]
    [InlineData("a9a.txt")]
    [InlineData("heart.data")]
    public void LibSvmFile_WithoutALibSvmExtension_IsDetectedFromItsContent(string name)
    {
        string data = _folder.File(name);
        File.Copy(CliRunner.DataFile("heart_scale.libsvm"), data);
        string model = _folder.File("m.lrsm");

        using JsonDocument json = TrainJson("--data", data, "--out", model);
        CliResult predicted = CliRunner.Run("predict", "--model", model, "--data", data);

        Assert.Equal(270, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(13, json.RootElement.GetProperty("weights").GetArrayLength());
        Assert.Equal(271, predicted.OutputLines.Length);
    }

    [Fact]
    public void LibSvmFile_WhoseFirstRowsHaveNoFeatures_IsDetectedFromALaterLine()
    {
        string data = Write("sparse", "# a comment\n\n-1\n+1 qid:2 3:1\n-1 1:0.5\n+1 2:1\n");

        using JsonDocument json = TrainJson("--data", data);

        Assert.Equal(4, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("data").GetProperty("features").GetInt32());
    }

    [Fact]
    public void CsvFile_WithoutACsvExtension_StaysCsv()
    {
        using JsonDocument json = TrainJson("--data", Write("data.txt", "a,b,y\n" + Rows));

        Assert.Equal(6, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
    }

    [Fact]
    public void LibSvmContent_InACsvFile_FailsWithAHintToUseFormatLibsvm()
    {
        string data = _folder.File("heart.csv");
        File.Copy(CliRunner.DataFile("heart_scale.libsvm"), data);

        CliResult result = CliRunner.Run("train", "--data", data);
        using JsonDocument forced = TrainJson("--data", data, "--format", "libsvm");

        // Read as CSV, the file is one column of text labels, refused at its third distinct value (line 4).
        CliAssert.OneLineError(result, 3, "heart.csv:4:");
        Assert.EndsWith("(line 4 looks like LIBSVM: add --format libsvm)", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(270, forced.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
    }

    [Fact]
    public void LibSvm_HugeFeatureIndex_IsADataErrorNamingFileLineAndSize()
    {
        // The 26-byte file of the issue, which once allocated until the machine ran out of memory.
        string data = Write("big.svm", "1 100000000:1\n-1 1:1 2:1\n");

        CliResult dense = CliRunner.Run("train", "--data", data, "--layout", "dense");
        CliResult sparse = CliRunner.Run("train", "--data", data);
        CliResult newton = CliRunner.Run("train", "--data", data, "--solver", "newton");

        CliAssert.OneLineError(dense, 3, "big.svm:1: the data needs a dense matrix of 1 x 100000000 doubles (800,000,000 bytes), above the limit of 268,435,456 bytes");
        CliAssert.OneLineError(sparse, 3, "big.svm: 100,000,000 features (the largest index) need about 22,400,000,224 bytes of solver state, above the limit of 2,147,483,648 bytes");
        CliAssert.OneLineError(newton, 3, "big.svm: 100,000,000 features (the largest index) need about 9,600,000,096 bytes of solver state");
    }

    [Theory]
    [InlineData("missing/model.lrsm", "does not exist")]
    [InlineData("", "is a folder")]
    [InlineData("data.csv", "is the --data file")]
    public void TrainOut_Bad_IsAUsageErrorBeforeTheDataIsRead(string outPath, string problem)
    {
        // The data is not even valid: the --out error must come first, before any reading or fitting.
        string data = Write("data.csv", "a,y\nnot a number,1\n");
        string path = outPath.Length == 0 ? _folder.Path : _folder.File(outPath);

        var clock = Stopwatch.StartNew();
        CliResult result = CliRunner.Run("train", "--data", data, "--out", path);

        CliAssert.OneLineError(result, 2, $"--out '{path}'");
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", result.Error, StringComparison.Ordinal);
        Assert.Equal(["data.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TrainOut_InAMissingFolder_OnTheEmbeddedData_FailsBeforeFitting()
    {
        CliResult result = CliRunner.Run("train", "--out", _folder.File("no/such/folder/m.lrsm"));

        CliAssert.OneLineError(result, 2, "the folder '");
        Assert.Equal(string.Empty, result.Output);
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--model")]
    [InlineData("missing")]
    public void PredictOut_Bad_IsAUsageErrorAndOverwritesNothing(string target)
    {
        string model = SaveModel(2);
        string data = Write("d.csv", "a,b\n1,2\n");
        byte[] modelBytes = File.ReadAllBytes(model);
        string outPath = target switch { "--data" => data, "--model" => model, _ => _folder.File("missing/p.csv") };

        CliResult result = CliRunner.Run("predict", "--model", model, "--data", data, "--out", outPath);

        CliAssert.OneLineError(result, 2, $"--out '{outPath}'");
        Assert.Equal(modelBytes, File.ReadAllBytes(model));
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(data));
    }

    [Fact]
    public void WidthMismatch_IsReportedTheSameWayByPredictAndEvaluate()
    {
        string model = SaveModel(3);
        string data = Write("two.csv", "a,b,y\n1,2,0\n3,4,1\n");

        CliResult predict = CliRunner.Run("predict", "--model", model, "--data", data, "--label", "y");
        CliResult evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data, "--label", "y");
        CliResult evaluateDefault = CliRunner.Run("evaluate", "--model", model, "--data", data);

        string expected = $"error: the model has 3 features; '{data}' has 2 feature columns plus the label column 'y'.";
        Assert.Equal(expected, predict.ErrorLines.Single());
        Assert.Equal(expected, evaluate.ErrorLines.Single());
        Assert.Equal($"error: the model has 3 features; '{data}' has 2 feature columns plus the label column (the last).", evaluateDefault.ErrorLines.Single());
        Assert.All(new[] { predict, evaluate, evaluateDefault }, r => Assert.Equal(3, r.ExitCode));
    }

    [Fact]
    public void WidthMismatch_OnPredictWithoutLabel_SaysWhenALabelColumnIsDropped()
    {
        string model = SaveModel(3);
        string data = Write("five.csv", "a,b,c,d,e\n1,2,3,4,5\n");

        CliResult result = CliRunner.Run("predict", "--model", model, "--data", data);

        CliAssert.OneLineError(result, 3, $"the model has 3 features; '{data}' has 5 feature columns and no label column (the last column is ignored as the label only when there are 4 columns, or --label names it).");
    }

    [Fact]
    public void PredictHelp_DescribesTheLabelDefaultItActuallyUses()
    {
        CliResult predict = CliRunner.Run("predict", "--help");
        CliResult evaluate = CliRunner.Run("evaluate", "--help");

        Assert.Contains("Default: the last column when the file has one column more than the model has features, else none.", predict.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Default: the last column.", predict.Output, StringComparison.Ordinal);
        Assert.Contains("Default: the last column.", evaluate.Output, StringComparison.Ordinal);
    }

    private string Write(string name, string text, string delimiter = ",")
    {
        string path = _folder.File(name);
        File.WriteAllText(path, text.Replace(",", delimiter, StringComparison.Ordinal));
        return path;
    }

    private string SaveModel(int features)
    {
        string path = _folder.File($"m{features}.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>(Enumerable.Range(1, features).Select(i => (double)i).ToArray(), 0.0), path);
        return path;
    }

    private static JsonDocument TrainJson(params string[] args)
    {
        CliResult result = CliRunner.Run(["train", "--quiet", "--json", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output);
    }
}
