using System.Text.Json;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Each flag that had no test: what it changes, not only that the command exits 0.</summary>
public sealed class CliFlagTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Format_OverridesTheExtension_BothWays()
    {
        string csvNamedLibsvm = Write("really-csv.libsvm", "a,b,y\n1,2,0\n3,4,1\n2,2,0\n5,1,1\n");
        string libsvmNamedCsv = _folder.File("really-libsvm.csv");
        File.Copy(CliRunner.DataFile("heart_scale.libsvm"), libsvmNamedCsv);

        using JsonDocument csv = Train("--data", csvNamedLibsvm, "--format", "csv");
        using JsonDocument libsvm = Train("--data", libsvmNamedCsv, "--format", "libsvm");

        Assert.Equal(4, Data(csv).GetProperty("rows").GetInt32());
        Assert.Equal(2, Data(csv).GetProperty("features").GetInt32());
        Assert.Equal(270, Data(libsvm).GetProperty("rows").GetInt32());
        Assert.Equal(3, CliRunner.Run("train", "--quiet", "--data", csvNamedLibsvm).ExitCode);
    }

    [Fact]
    public void Label_ByNameOrIndex_ChoosesTheSameColumn_AndTheDefaultIsTheLast()
    {
        string data = Write("first.csv", "y,a,b\n0,1,2\n1,3,4\n0,2,2\n1,5,1\n0,0,3\n1,4,4\n");

        using JsonDocument byName = Train("--data", data, "--label", "y");
        using JsonDocument byIndex = Train("--data", data, "--label", "0");
        CliResult byDefault = CliRunner.Run("train", "--quiet", "--data", data);

        Assert.Equal(2, Data(byName).GetProperty("features").GetInt32());
        Assert.Equal(Weights(byName), Weights(byIndex));
        Assert.Equal(3, byDefault.ExitCode);
        Assert.Contains("column 'b'", byDefault.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_DoNotChangeTheModel_AndAreReported()
    {
        using JsonDocument one = Train("--threads", "1");
        using JsonDocument two = Train("--threads", "2");
        using JsonDocument auto = Train();

        Assert.Equal(1, Options(one).GetProperty("threads").GetInt32());
        Assert.Equal(2, Options(two).GetProperty("threads").GetInt32());
        Assert.Equal(-1, Options(auto).GetProperty("threads").GetInt32());
        Assert.Equal(Weights(one), Weights(two));
        Assert.Equal(Weights(one), Weights(auto));
    }

    [Fact]
    public void Seed_ReproducesSgd_AndAnotherSeedShufflesDifferently()
    {
        string[] sgd = ["--solver", "sgd", "--max-iter", "3"];

        using JsonDocument a = Train([.. sgd, "--seed", "1"]);
        using JsonDocument again = Train([.. sgd, "--seed", "1"]);
        using JsonDocument b = Train([.. sgd, "--seed", "2"]);

        Assert.Equal(Weights(a), Weights(again));
        Assert.NotEqual(Weights(a), Weights(b));
        Assert.Equal(2, Options(b).GetProperty("seed").GetInt32());
    }

    [Fact]
    public void BatchSize_ChangesTheSgdSteps()
    {
        using JsonDocument small = Train("--solver", "sgd", "--max-iter", "2", "--batch-size", "8");
        using JsonDocument whole = Train("--solver", "sgd", "--max-iter", "2", "--batch-size", "569");

        // One gradient pass per mini-batch: 569 rows in batches of 8 take 72 passes an epoch, in one batch 1;
        // the full-data passes that check convergence are the same for both.
        int passes(JsonDocument json) => json.RootElement.GetProperty("gradientPasses").GetInt32();
        Assert.Equal(2 * (72 - 1), passes(small) - passes(whole));
        Assert.Equal(8, Options(small).GetProperty("batchSize").GetInt32());
        Assert.NotEqual(Weights(small), Weights(whole));
    }

    [Fact]
    public void LearningRate_SetsTheGradientDescentStep()
    {
        using JsonDocument slow = Train("--solver", "gd", "--max-iter", "5", "--learning-rate", "0.001");
        using JsonDocument fast = Train("--solver", "gd", "--max-iter", "5", "--learning-rate", "1");

        Assert.Equal(0.001, Options(slow).GetProperty("learningRate").GetDouble());
        Assert.True(Objective(fast) < Objective(slow) - 0.1, $"{Objective(fast)} vs {Objective(slow)}");
    }

    [Fact]
    public void MaxIter_CountsEpochsForSgd()
    {
        using JsonDocument result = Train("--solver", "sgd", "--max-iter", "3");

        Assert.Equal(3, result.RootElement.GetProperty("iterations").GetInt32());
        Assert.Equal("iteration limit", result.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Tol_IsTheStoppingGradientNorm()
    {
        using JsonDocument loose = Train("--tol", "1e-2");
        using JsonDocument tight = Train("--tol", "1e-8", "--max-iter", "1000");

        Assert.True(loose.RootElement.GetProperty("converged").GetBoolean());
        Assert.True(tight.RootElement.GetProperty("converged").GetBoolean());
        Assert.True(loose.RootElement.GetProperty("gradientNorm").GetDouble() <= 1e-2);
        Assert.True(tight.RootElement.GetProperty("gradientNorm").GetDouble() <= 1e-8);
        Assert.True(loose.RootElement.GetProperty("iterations").GetInt32() < tight.RootElement.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public void Quiet_SilencesTheProgressLines()
    {
        CliResult loud = CliRunner.Run("train", "--max-iter", "3");
        CliResult quiet = CliRunner.Run("train", "--max-iter", "3", "--quiet");

        Assert.Equal(3, loud.ErrorLines.Count(l => l.StartsWith("iter ", StringComparison.Ordinal)));
        Assert.DoesNotContain(quiet.ErrorLines, l => l.StartsWith("iter ", StringComparison.Ordinal));
        Assert.Equal(loud.OutputLines.Length, quiet.OutputLines.Length);
    }

    [Fact]
    public void Precision_DecidesTheSavedModelsElementType()
    {
        string model = _folder.File("f.lrsm");

        using JsonDocument trained = Train("--precision", "float", "--out", model);
        CliResult inspected = CliRunner.Run("inspect", "--model", model);

        Assert.Equal("float", trained.RootElement.GetProperty("precision").GetString());
        Assert.Equal(model, trained.RootElement.GetProperty("savedTo").GetString());
        Assert.Contains("float", inspected.Output, StringComparison.Ordinal);
        Assert.IsType<LogReg.Simd.Model.LogisticRegressionModel<float>>(LogReg.Simd.Model.Persistence.ModelSerializer.LoadAny(model));
    }

    [Fact]
    public void ClassWeight_Balanced_ShiftsTheBiasTowardTheSmallerClass()
    {
        // Breast cancer has 212 malignant (1) and 357 benign rows: weighing them equally raises the bias.
        using JsonDocument none = Train("--class-weight", "none");
        using JsonDocument balanced = Train("--class-weight", "balanced");

        Assert.Equal("balanced", Options(balanced).GetProperty("classWeight").GetString(), ignoreCase: true);
        Assert.True(balanced.RootElement.GetProperty("bias").GetDouble() > none.RootElement.GetProperty("bias").GetDouble() + 0.1);
    }

    [Fact]
    public void Standardize_KeepsAScaler_AndNoStandardizeFitsRawFeatures()
    {
        using JsonDocument standardized = Train("--standardize");
        using JsonDocument raw = Train("--no-standardize", "--max-iter", "5");

        Assert.True(Options(standardized).GetProperty("standardize").GetBoolean());
        Assert.Equal(30, standardized.RootElement.GetProperty("scaler").GetProperty("means").GetArrayLength());
        Assert.False(Options(raw).GetProperty("standardize").GetBoolean());
        Assert.Equal(JsonValueKind.Null, raw.RootElement.GetProperty("scaler").ValueKind);
    }

    [Fact]
    public void Lambda_IsTheSameFitAsTheMatchingC()
    {
        // lambda = 1 / (C * S) with S = 569 rows: lambda 0.01 is C = 1 / 5.69.
        using JsonDocument byLambda = Train("--lambda", "0.01", "--tol", "1e-10", "--max-iter", "1000");
        using JsonDocument byC = Train("--c", (1 / 5.69).ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--tol", "1e-10", "--max-iter", "1000");
        using JsonDocument weaker = Train("--lambda", "0.0001", "--tol", "1e-10", "--max-iter", "1000");

        Assert.Equal(0.01, Options(byLambda).GetProperty("lambda").GetDouble());
        double[] a = Weights(byLambda);
        double[] b = Weights(byC);
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 6));
        Assert.True(Norm(Weights(weaker)) > Norm(a));
    }

    [Theory]
    [InlineData("0", 0, 0)]
    [InlineData("1", 212, 0)]
    public void Threshold_DecidesThePredictedClass(string threshold, int falseNegatives, int truePositives)
    {
        string model = _folder.File("m.lrsm");
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--out", model).ExitCode);

        CliResult result = CliRunner.Run("evaluate", "--model", model, "--data", CliRunner.DataFile("breast_cancer.csv"), "--threshold", threshold, "--json");

        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement cm = json.RootElement.GetProperty("confusionMatrix");
        Assert.Equal(falseNegatives, cm.GetProperty("falseNegatives").GetInt32());
        Assert.Equal(threshold == "0" ? 212 : truePositives, cm.GetProperty("truePositives").GetInt32());
        Assert.Equal(threshold == "0" ? 0 : 357, cm.GetProperty("trueNegatives").GetInt32());
    }

    [Fact]
    public void GradCheck_SizesAndSeed_AreTheProblemItChecks()
    {
        CliResult result = CliRunner.Run("gradcheck", "--rows", "5", "--features", "2", "--seed", "4");
        CliResult other = CliRunner.Run("gradcheck", "--rows", "5", "--features", "2", "--seed", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("gradient check: 5 rows x 2 features, seed 4,", result.OutputLines[0], StringComparison.Ordinal);
        Assert.NotEqual(result.OutputLines[2], other.OutputLines[2]);
    }

    [Fact]
    public void Bench_QuickJson_TimesTheQuickSizesAsJson()
    {
        CliResult result = CliRunner.Run("bench", "--quick", "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement[] sizes = json.RootElement.GetProperty("sizes").EnumerateArray().ToArray();
        Assert.Equal([(10_000, 100), (200_000, 100)], sizes.Select(s => (s.GetProperty("rows").GetInt32(), s.GetProperty("columns").GetInt32())));
        Assert.All(sizes, s => Assert.Equal(5, s.GetProperty("forms").GetArrayLength()));
    }

    private string Write(string name, string text)
    {
        string path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonDocument Train(params string[] args)
    {
        CliResult result = CliRunner.Run(["train", "--quiet", "--json", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output);
    }

    private static JsonElement Data(JsonDocument json) => json.RootElement.GetProperty("data");

    private static JsonElement Options(JsonDocument json) => json.RootElement.GetProperty("options");

    private static double Objective(JsonDocument json) => json.RootElement.GetProperty("objective").GetDouble();

    private static double[] Weights(JsonDocument json) => json.RootElement.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();

    private static double Norm(double[] weights) => Math.Sqrt(weights.Sum(w => w * w));
}
