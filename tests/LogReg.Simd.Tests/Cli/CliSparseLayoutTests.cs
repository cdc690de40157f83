using System.Text.Json;

namespace LogReg.Simd.Tests.Cli;

/// <summary>--layout, sparse LIBSVM input to predict and evaluate, and the load report.</summary>
public sealed class CliSparseLayoutTests : IDisposable
{
    private static readonly string HeartScale = CliRunner.DataFile("heart_scale.libsvm");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TrainHeartModel(params string[] extra)
    {
        string model = _folder.File("heart.lrsm");
        Assert.Equal(0, CliRunner.Run(["train", "--quiet", "--data", HeartScale, "--out", model, .. extra]).ExitCode);
        return model;
    }

    [Theory]
    [InlineData("--standardize")]
    [InlineData("--no-standardize")]
    public void Predict_SparseAndDenseLayouts_PrintTheSameProbabilities(string standardize)
    {
        // A standardized model centers its features: the sparse rows must score as the dense ones anyway.
        string model = TrainHeartModel(standardize, "--precision", "double");

        CliResult sparse = CliRunner.Run("predict", "--model", model, "--data", HeartScale);
        CliResult explicitSparse = CliRunner.Run("predict", "--model", model, "--data", HeartScale, "--layout", "sparse");
        CliResult dense = CliRunner.Run("predict", "--model", model, "--data", HeartScale, "--layout", "dense");

        Assert.Equal(0, sparse.ExitCode);
        Assert.Equal(sparse.Output, explicitSparse.Output);
        Assert.Equal(271, sparse.OutputLines.Length);
        string[] a = sparse.OutputLines, b = dense.OutputLines;
        for (int i = 1; i < a.Length; i++)
        {
            double p = double.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture);
            double q = double.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(p - q) <= 1e-12, $"row {i}: sparse {p:R}, dense {q:R}");
        }
    }

    [Fact]
    public void Evaluate_ReportsTheLoad_InTextAndJson()
    {
        string model = TrainHeartModel();

        CliResult text = CliRunner.Run("evaluate", "--model", model, "--data", HeartScale);
        CliResult jsonResult = CliRunner.Run("evaluate", "--model", model, "--data", HeartScale, "--json");
        CliResult denseJson = CliRunner.Run("evaluate", "--model", model, "--data", HeartScale, "--json", "--layout", "dense");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("data       270 rows x 13 features, 3,378 nonzeros (density 0.9624), sparse, loaded in ", text.Output, StringComparison.Ordinal);
        Assert.Contains(" MB/s)", text.Output, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(jsonResult.Output);
        JsonElement data = json.RootElement.GetProperty("data");
        Assert.Equal(270, data.GetProperty("rows").GetInt32());
        Assert.Equal(13, data.GetProperty("features").GetInt32());
        Assert.Equal(3378, data.GetProperty("nonzeros").GetInt64());
        Assert.Equal(3378 / 3510.0, data.GetProperty("density").GetDouble(), 12);
        Assert.Equal("sparse", data.GetProperty("layout").GetString());
        Assert.True(data.GetProperty("loadTimeMs").GetDouble() > 0);
        Assert.True(data.GetProperty("megabytesPerSecond").GetDouble() > 0);

        using JsonDocument dense = JsonDocument.Parse(denseJson.Output);
        Assert.Equal("dense", dense.RootElement.GetProperty("data").GetProperty("layout").GetString());
        Assert.Equal(json.RootElement.GetProperty("accuracy").GetDouble(), dense.RootElement.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(json.RootElement.GetProperty("logLoss").GetDouble(), dense.RootElement.GetProperty("logLoss").GetDouble(), 12);
    }

    [Fact]
    public void Train_ReportsLoadAndFitTimesApart()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--data", HeartScale, "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement data = json.RootElement.GetProperty("data");
        Assert.Equal(3378, data.GetProperty("nonzeros").GetInt64());
        Assert.True(data.GetProperty("loadTimeMs").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("fitTimeMs").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("wallTimeMs").GetDouble() >= json.RootElement.GetProperty("fitTimeMs").GetDouble());
        Assert.Contains("(load ", CliRunner.Run("train", "--quiet", "--data", HeartScale).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SparseFile_WithFewerFeaturesThanTheModel_IsPadded()
    {
        string model = TrainHeartModel();
        string narrow = _folder.File("narrow.libsvm");
        File.WriteAllText(narrow, "+1 1:0.5 3:-1\n-1 2:0.25\n");
        string dense = _folder.File("narrow-dense.libsvm");
        File.WriteAllText(dense, "+1 1:0.5 3:-1 13:0\n-1 2:0.25\n");

        CliResult sparse = CliRunner.Run("predict", "--model", model, "--data", narrow);
        CliResult padded = CliRunner.Run("predict", "--model", model, "--data", dense, "--layout", "dense");

        Assert.Equal(0, sparse.ExitCode);
        Assert.Equal(3, sparse.OutputLines.Length);
        Assert.Equal(padded.Output, sparse.Output);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("evaluate")]
    public void SparseFile_WithAnIndexPastTheModel_IsADataErrorNamingLineAndIndex(string command)
    {
        string model = TrainHeartModel();
        string wide = _folder.File("wide.libsvm");
        File.WriteAllText(wide, "+1 1:0.5\n-1 2:0.25 14:1\n");

        CliAssert.OneLineError(CliRunner.Run(command, "--model", model, "--data", wide), 3, "wide.libsvm:2: '14:1' has feature index 14, above the feature count 13");
    }

    [Fact]
    public void LayoutSparse_OnCsv_IsAUsageError()
    {
        string csv = _folder.File("d.csv");
        File.WriteAllText(csv, "a,b,y\n1,2,0\n3,4,1\n");

        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", TrainHeartModel(), "--data", csv, "--layout", "sparse"), 2, "--layout sparse applies to LIBSVM files; '" + csv + "' is CSV, which is read dense");
        CliAssert.OneLineError(CliRunner.Run("train", "--layout", "sparse"), 2, "--layout sparse applies to LIBSVM files; the embedded data set is CSV");
    }

    [Fact]
    public void SparseLayout_RefusesCsvFlags_AsTheDenseOneDoes()
    {
        string model = TrainHeartModel();

        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", model, "--data", HeartScale, "--positive-label", "1"), 2, "--positive-label applies to CSV files; a LIBSVM file's positive class is +1 (or 1).");
        CliAssert.OneLineError(CliRunner.Run("predict", "--model", model, "--data", HeartScale, "--label", "0"), 2, "--label applies to CSV files");
        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", model, "--data", HeartScale, "--no-header"), 2, "--no-header and --delimiter apply to CSV files");
    }

    [Fact]
    public void LayoutFlag_BadValue_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--data", HeartScale, "--layout", "csr"), 2, "--layout 'csr' is not one of dense, sparse or auto.");
    }

    [Fact]
    public void Train_LayoutSparse_WithCrossValidation_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--data", HeartScale, "--layout", "sparse", "--cv", "3"), 2, "--layout sparse cannot be combined with --cv");
    }

    [Fact]
    public void Train_Libsvm_FitsSparse_AndMatchesTheDenseFit()
    {
        CliResult sparse = CliRunner.Run("train", "--data", HeartScale, "--json", "--quiet", "--tol", "1e-10");
        CliResult dense = CliRunner.Run("train", "--data", HeartScale, "--json", "--quiet", "--tol", "1e-10", "--layout", "dense");
        Assert.Equal(0, sparse.ExitCode);
        Assert.Equal(0, dense.ExitCode);
        using var sparseJson = System.Text.Json.JsonDocument.Parse(sparse.Output);
        using var denseJson = System.Text.Json.JsonDocument.Parse(dense.Output);
        Assert.Equal("sparse", sparseJson.RootElement.GetProperty("data").GetProperty("layout").GetString());
        Assert.Equal("dense", denseJson.RootElement.GetProperty("data").GetProperty("layout").GetString());
        double Objective(System.Text.Json.JsonDocument d) => d.RootElement.GetProperty("objective").GetDouble();
        Assert.Equal(Objective(denseJson), Objective(sparseJson), 1e-9);
        Assert.False(sparseJson.RootElement.GetProperty("options").GetProperty("centered").GetBoolean());
        Assert.True(denseJson.RootElement.GetProperty("options").GetProperty("centered").GetBoolean());
        Assert.Contains("standardize yes (scaled, not centered: sparse data)", CliRunner.Run("train", "--data", HeartScale, "--quiet").Output, StringComparison.Ordinal);
    }
}
