using System.Globalization;
using System.Text.Json;
using LogReg.Cli;
using LogReg.Cli.Commands;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Every command's success path, run in-process.</summary>
public class CliCommandTests
{
    [Fact]
    public void Train_OnTheEmbeddedDataSet_PrintsTheReportWithAccuracyAbove097()
    {
        CliResult result = CliRunner.Run("train", "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Matches(@"breast_cancer\.csv \(embedded\): 569 rows x 30 features, [0-9,]+ nonzeros \(density [0-9.]+\), dense, loaded in [0-9.]+ ms \([0-9.]+ MB/s\), double", result.Output);
        Assert.Contains("converged  yes (tolerance reached)", result.Output, StringComparison.Ordinal);
        Assert.Contains("wall time", result.Output, StringComparison.Ordinal);
        string accuracy = result.OutputLines.Single(l => l.StartsWith("training", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].TrimEnd(',');
        Assert.True(double.Parse(accuracy, CultureInfo.InvariantCulture) > 0.97, accuracy);
    }

    [Fact]
    public void Train_Json_IsOneDocumentWithWeightsBiasAndMetrics()
    {
        CliResult result = CliRunner.Run("train", "--json", "--quiet");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(30, root.GetProperty("weights").GetArrayLength());
        Assert.True(root.GetProperty("bias").ValueKind == JsonValueKind.Number);
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal("lbfgs", root.GetProperty("solver").GetString());
        Assert.Equal(569, root.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("training").GetProperty("accuracy").GetDouble() > 0.97);
        Assert.Equal(30, root.GetProperty("scaler").GetProperty("means").GetArrayLength());
    }

    [Fact]
    public void Train_Json_SendsProgressToStderrOnly()
    {
        CliResult result = CliRunner.Run("train", "--json");

        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.StartsWith("iter     1", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(json.RootElement.GetProperty("iterations").GetInt32(), result.ErrorLines.Length);
    }

    [Fact]
    public void Train_NotConverged_WarnsOnStderrAndSaysSoInTheReport()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--max-iter", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("converged  NO (iteration limit)", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("warning: not converged (iteration limit) after 2 iterations", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gd", "--learning-rate", "1", "--max-iter", "300")]
    [InlineData("sgd", "--learning-rate", "0.1", "--max-iter", "20")]
    public void Train_OtherSolvers_RunAndReportTheirName(string solver, params string[] extra)
    {
        CliResult result = CliRunner.Run(["train", "--quiet", "--json", "--solver", solver, .. extra]);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(solver, json.RootElement.GetProperty("solver").GetString());
        Assert.True(json.RootElement.GetProperty("training").GetProperty("accuracy").GetDouble() > 0.95);
    }

    [Fact]
    public void Train_LibSvmFile_InfersTheFormatFromTheExtension()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--json", "--data", CliRunner.DataFile("heart_scale.libsvm"), "--no-standardize", "--precision", "float", "--class-weight", "balanced", "--threads", "2");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(270, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(13, json.RootElement.GetProperty("weights").GetArrayLength());
        Assert.Equal("float", json.RootElement.GetProperty("precision").GetString());
        Assert.Equal("balanced", json.RootElement.GetProperty("options").GetProperty("classWeight").GetString());
    }

    [Theory]
    [InlineData("float")]
    [InlineData("double")]
    public void TrainSavePredict_RoundTrip_EqualsTheLibrarysOwnPredictions(string precision)
    {
        using var folder = new TempFolder();
        string model = folder.File("model.lrsm");
        string data = CliRunner.DataFile("breast_cancer.csv");

        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--precision", precision, "--data", data, "--out", model).ExitCode);
        CliResult predicted = CliRunner.Run("predict", "--model", model, "--data", data);

        Assert.Equal(0, predicted.ExitCode);
        Assert.Equal("probability", predicted.OutputLines[0]);
        double[] fromCli = predicted.OutputLines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        double[] fromLibrary = precision == "float" ? LibraryPredictions<float>(model, data) : LibraryPredictions<double>(model, data);
        Assert.Equal(569, fromCli.Length);
        Assert.Equal(fromLibrary, fromCli);
    }

    [Fact]
    public void Predict_KeepsInputOrder_AndIgnoresALabelColumn()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>([1.0, -2.0], 0.5), model);
        string withLabel = folder.File("with.csv");
        string without = folder.File("without.csv");
        File.WriteAllText(withLabel, "a,b,y\n0,0,1\n1,0,0\n0,1,1\n-3,0.5,0\n");
        File.WriteAllText(without, "a,b\n0,0\n1,0\n0,1\n-3,0.5\n");

        CliResult a = CliRunner.Run("predict", "--model", model, "--data", withLabel);
        CliResult b = CliRunner.Run("predict", "--model", model, "--data", without);
        CliResult c = CliRunner.Run("predict", "--model", model, "--data", withLabel, "--label", "y");

        Assert.Equal(0, a.ExitCode);
        double[] expected = [Sigmoid(0.5), Sigmoid(1.5), Sigmoid(-1.5), Sigmoid(-3.5)];
        double[] actual = a.OutputLines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 15);
        }

        Assert.Equal(a.Output, b.Output);
        Assert.Equal(a.Output, c.Output);
    }

    [Fact]
    public void Predict_Out_WritesTheFile()
    {
        using var folder = new TempFolder();
        string model = folder.File("m.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<float>([1f], 0f), model);
        string data = folder.File("d.csv");
        File.WriteAllText(data, "a\n0\n2\n");

        CliResult result = CliRunner.Run("predict", "--model", model, "--data", data, "--out", folder.File("p.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(["probability", "0.5", ((float)Sigmoid(2)).ToString("R", CultureInfo.InvariantCulture)], File.ReadAllLines(folder.File("p.csv")));
    }

    [Fact]
    public void Evaluate_PrintsEveryMetricAndTheConfusionMatrix_AndJsonParses()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.lrsm");
        string data = CliRunner.DataFile("heart_scale.libsvm");
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--data", data, "--out", model).ExitCode);

        CliResult text = CliRunner.Run("evaluate", "--model", model, "--data", data);
        CliResult json = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json");

        Assert.Equal(0, text.ExitCode);
        foreach (string label in new[] { "accuracy", "log-loss", "ROC AUC", "precision", "recall", "F1", "confusion matrix", "actual 0", "actual 1" })
        {
            Assert.Contains(label, text.Output, StringComparison.Ordinal);
        }

        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement cm = doc.RootElement.GetProperty("confusionMatrix");
        double total = cm.GetProperty("trueNegatives").GetDouble() + cm.GetProperty("falsePositives").GetDouble() + cm.GetProperty("falseNegatives").GetDouble() + cm.GetProperty("truePositives").GetDouble();
        Assert.Equal(270, total);
        Assert.InRange(doc.RootElement.GetProperty("accuracy").GetDouble(), 0.8, 1.0);
        Assert.InRange(doc.RootElement.GetProperty("rocAuc").GetDouble(), 0.85, 1.0);
    }

    [Fact]
    public void Inspect_PrintsMetadataWeightsAndBias_AndJsonParses()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.lrsm");
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--out", model).ExitCode);

        CliResult text = CliRunner.Run("inspect", "--model", model);
        CliResult json = CliRunner.Run("inspect", "--model", model, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("trained    lbfgs on 569 rows", text.Output, StringComparison.Ordinal);
        Assert.Contains("converged", text.Output, StringComparison.Ordinal);
        Assert.Contains("bias", text.Output, StringComparison.Ordinal);
        Assert.Contains("[ 29]", text.Output, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.Equal(30, doc.RootElement.GetProperty("weights").GetArrayLength());
    }

    [Fact]
    public void GradCheck_PassesForEveryFormAndPrecision()
    {
        CliResult result = CliRunner.Run("gradcheck", "--rows", "40", "--features", "9", "--seed", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(8, result.OutputLines.Count(l => l.EndsWith("pass", StringComparison.Ordinal)));
        Assert.Equal("all passed", result.OutputLines[^1]);
    }

    [Fact]
    public void Bench_TimesEveryFormAndTheReadOnlyPass_TextAndJson()
    {
        var output = new StringWriter();
        var console = new CliConsole(output, new StringWriter());
        Assert.Equal(0, BenchCommand.Run([(64, 20), (300, 33)], TimeSpan.FromMilliseconds(5), asJson: false, console));
        var jsonOutput = new StringWriter();
        Assert.Equal(0, BenchCommand.Run([(64, 20)], TimeSpan.FromMilliseconds(5), asJson: true, new CliConsole(jsonOutput, new StringWriter())));

        foreach (string form in new[] { "looped", "vectorized", "fused", "parallel", "read-only pass" })
        {
            Assert.Contains(form, output.ToString(), StringComparison.Ordinal);
        }

        using JsonDocument doc = JsonDocument.Parse(jsonOutput.ToString());
        JsonElement forms = doc.RootElement.GetProperty("sizes")[0].GetProperty("forms");
        Assert.Equal(5, forms.GetArrayLength());
        Assert.All(forms.EnumerateArray(), f => Assert.True(f.GetProperty("milliseconds").GetDouble() > 0));
        Assert.Equal(1.0, forms[0].GetProperty("speedupOverLooped").GetDouble());
    }

    [Theory]
    [InlineData("train", "[default: 100]")]
    [InlineData("train", "[default: 0.0001]")]
    [InlineData("train", "[default: lbfgs]")]
    [InlineData("evaluate", "[default: 0.5]")]
    [InlineData("gradcheck", "[default: 64]")]
    [InlineData("bench", "--quick")]
    [InlineData("predict", "--model")]
    [InlineData("inspect", "--json")]
    public void Help_OnEveryCommand_ShowsTheFlagsAndDefaults(string command, string expected)
    {
        CliResult result = CliRunner.Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The CLI in double with scikit-learn's flags (C = 1, StandardScaler for breast cancer, raw features for
    /// heart) gives scikit-learn's model: probabilities within 1e-6 of its exact minimizer (see ScikitLearnReference).
    /// </summary>
    [Theory]
    [InlineData("breast_cancer.csv", true)]
    [InlineData("heart_scale.libsvm", false)]
    public void Train_Double_MatchesScikitLearn(string file, bool standardize)
    {
        using var folder = new TempFolder();
        string model = folder.File("model.lrsm");
        string data = CliRunner.DataFile(file);
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--precision", "double", "--c", "1", "--tol", "1e-10", "--max-iter", "1000", standardize ? "--standardize" : "--no-standardize", "--data", data, "--out", model).ExitCode);

        var ours = ModelSerializer.Load<double>(model);
        var theirs = standardize
            ? new LogisticRegressionModel<double>(ScikitLearnReference.BreastCancerWeights, ScikitLearnReference.BreastCancerBias, ours.Scaler)
            : new LogisticRegressionModel<double>(ScikitLearnReference.HeartWeights, ScikitLearnReference.HeartBias);
        Dataset<double> dataset = file.EndsWith(".csv", StringComparison.Ordinal) ? DatasetReader.ReadCsv<double>(data) : DatasetReader.ReadLibSvm<double>(data);
        var p = new double[dataset.Rows];
        var q = new double[dataset.Rows];
        ours.PredictProbabilities(dataset.Features, p);
        theirs.PredictProbabilities(dataset.Features, q);

        double gap = p.Zip(q, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(gap <= 1e-6, $"max |p - p_sklearn| = {gap:E3}");
    }

    private static double[] LibraryPredictions<T>(string modelPath, string dataPath)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var model = ModelSerializer.Load<T>(modelPath);
        var data = DatasetReader.ReadCsv<T>(dataPath);
        var p = new T[data.Rows];
        model.PredictProbabilities(data.Features, p);
        return p.Select(v => double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
