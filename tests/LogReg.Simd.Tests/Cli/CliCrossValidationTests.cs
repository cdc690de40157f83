using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Tests.TestSupport;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Cli;

/// <summary>`logreg train --cv K --cs ...`: the C table, the chosen C, the JSON, and the errors.</summary>
public sealed class CliCrossValidationTests
{
    [Fact]
    public void Json_HasTheLibrarysScores_AndTheRefitUsesTheChosenC()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--json", "--cv", "4", "--cs", "1e-4,1e-2,1,100", "--cv-seed", "3");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        JsonElement cv = doc.RootElement.GetProperty("crossValidation");
        double[] means = Doubles(cv.GetProperty("meanScores"));

        // The same cross-validation through the library, on the same (embedded) breast cancer data.
        LabeledData data = SharedData.BreastCancer;
        CrossValidationResult<double> expected = CrossValidation.Fit<double>(
            new LogisticRegressionOptions { Standardize = true },
            new CrossValidationOptions { Folds = 4, Cs = [1e-4, 1e-2, 1, 100], ShuffleSeed = 3 },
            new ReadOnlyMatrixSpan<double>(data.X, data.Rows, data.Columns),
            data.Y);

        Assert.Equal(4, cv.GetProperty("folds").GetInt32());
        Assert.Equal(3, cv.GetProperty("seed").GetInt32());
        Assert.Equal("logloss", cv.GetProperty("scoring").GetString());
        Assert.Equal([1e-4, 1e-2, 1, 100], Doubles(cv.GetProperty("cs")));
        Assert.Equal(expected.MeanScores, means);
        Assert.Equal(expected.ScoreDeviations, Doubles(cv.GetProperty("stdScores")));
        Assert.Equal(4, cv.GetProperty("foldScores").GetArrayLength());
        Assert.Equal(expected.BestC, cv.GetProperty("chosenC").GetDouble());
        Assert.Equal(expected.BestC, doc.RootElement.GetProperty("options").GetProperty("c").GetDouble());
        Assert.Equal(expected.Refit.Model.Bias, doc.RootElement.GetProperty("bias").GetDouble());
    }

    [Fact]
    public void Text_PrintsOneRowPerC_MarksTheChosenOne_AndNamesIt()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--cv", "3", "--cs", "1e-4,1,100", "--cv-scoring", "accuracy");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.OutputLines;
        Assert.Contains(lines, line => line.StartsWith("cv         3-fold stratified (shuffle seed 0), held-out accuracy (higher is better), 3 values of C", StringComparison.Ordinal));
        string[] rows = lines.Where(line => line.Contains('±', StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, rows.Length);
        string chosen = Assert.Single(rows, row => row.TrimStart().StartsWith('*'));
        string chosenC = chosen.TrimStart('*', ' ').Split(' ')[0];
        Assert.Contains($"chosen C   {chosenC} (refit on all rows)", lines);
        Assert.Contains($"C={chosenC}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutCs_UsesScikitLearnsTenValues_AndTheDefaultSeedAndScoring()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--json", "--cv", "3", "--max-iter", "1000");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        JsonElement cv = doc.RootElement.GetProperty("crossValidation");
        double[] cs = Doubles(cv.GetProperty("cs"));
        Assert.Equal(CrossValidationOptions.Default.Cs, cs);
        Assert.Equal(10, cs.Length);
        Assert.Equal(1e-4, cs[0]);
        Assert.Equal(1e4, cs[^1]);
        Assert.Equal(0, cv.GetProperty("seed").GetInt32());
        Assert.Equal("logloss", cv.GetProperty("scoring").GetString());
    }

    [Fact]
    public void UnconvergedFoldFits_AreCounted_AndWarnedAbout()
    {
        CliResult result = CliRunner.Run("train", "--quiet", "--json", "--cv", "3", "--cs", "1e-4,100", "--max-iter", "2");
        CliResult converged = CliRunner.Run("train", "--quiet", "--json", "--cv", "3", "--cs", "1e-4,100", "--max-iter", "1000");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: 6 of the 6 cross-validation fits did not reach --tol; their scores are approximate: raise --max-iter (now 2) or --tol.", result.ErrorLines);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        Assert.Equal(6, doc.RootElement.GetProperty("crossValidation").GetProperty("unconvergedFits").GetInt32());
        Assert.DoesNotContain("cross-validation", converged.Error, StringComparison.Ordinal);
        using JsonDocument convergedDoc = JsonDocument.Parse(converged.Output);
        Assert.Equal(0, convergedDoc.RootElement.GetProperty("crossValidation").GetProperty("unconvergedFits").GetInt32());
    }

    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["--cv", "1"], "--cv must be a whole number from 2 to 2147483647; got 1" },
        { ["--cv", "two"], "--cv must be a whole number from 2 to 2147483647; got two" },
        { ["--cv", "300"], "--cv must be at most 212, the rows of class '1' (the smaller class), so that every fold holds both classes; got 300" },
        { ["--cv", "5", "--cs", string.Empty], "--cs must be a comma-separated list of numbers C > 0 whose inverses 1/C are finite; got ''" },
        { ["--cv", "5", "--cs", "1,-2"], "--cs must be a comma-separated list of numbers C > 0 whose inverses 1/C are finite; got 1,-2" },
        { ["--cv", "5", "--cs", "1,abc"], "--cs must be a comma-separated list of numbers C > 0 whose inverses 1/C are finite; got 1,abc" },
        { ["--cv", "5", "--cs", "1,,2"], "--cs must be a comma-separated list of numbers C > 0 whose inverses 1/C are finite; got 1,,2" },
        { ["--cv", "5", "--cs", "0"], "--cs must be a comma-separated list of numbers C > 0 whose inverses 1/C are finite; got 0" },
        { ["--cs", "1,2"], "--cs needs --cv." },
        { ["--cv-seed", "4"], "--cv-seed needs --cv." },
        { ["--cv-scoring", "auc"], "--cv-scoring needs --cv." },
        { ["--cv", "5", "--c", "1"], "--cv and --c cannot be used together: --cv chooses C among --cs." },
        { ["--cv", "5", "--lambda", "0.1"], "--cv and --lambda cannot be used together: --cv chooses C among --cs." },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArgument_IsOneUsageErrorLine_NamingTheFlagAndValue(string[] arguments, string expected)
    {
        CliResult result = CliRunner.Run(["train", "--quiet", .. arguments]);

        CliAssert.OneLineError(result, 2, expected);
        Assert.Empty(result.Output);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
