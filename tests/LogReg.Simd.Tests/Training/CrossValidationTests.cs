using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Tests.TestSupport;
using LogReg.Simd.Training;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Training;

/// <summary>
/// k-fold cross-validation over C, against scikit-learn 1.2.1 (<c>TestData/scikit_learn_cv.py</c> wrote the reference:
/// the folds of <c>StratifiedKFold</c>, the per-fold scores of <c>LogisticRegressionCV</c> and of the same loop by hand).
/// </summary>
public sealed class CrossValidationTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> s_reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "scikit_learn_cv.json"))).RootElement);

    // At tol 1e-10 every fold's fit is within about 1e-9 of its minimizer in probability.
    private static readonly LogisticRegressionOptions s_exact = new() { Tolerance = 1e-10, MaxIterations = 10_000 };

    private static JsonElement Reference => s_reference.Value;

    [Theory]
    [InlineData("heart", 5, "heartFoldsK5")]
    [InlineData("breast_cancer", 3, "breastCancerFoldsK3")]
    [InlineData("breast_cancer", 5, "breastCancerFoldsK5")]
    [InlineData("heart", 7, "heartFoldsK7")]
    public void UnshuffledFolds_EqualScikitLearnsStratifiedKFold(string name, int folds, string key)
    {
        LabeledData data = name == "heart" ? SharedData.Heart : SharedData.BreastCancer;
        int[] expected = Reference.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();

        int[] actual = CrossValidation.StratifiedFolds<double>(data.Y, folds, shuffleSeed: null);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ShuffledFolds_AreStratifiedAsScikitLearns_AndDependOnlyOnTheSeed()
    {
        double[] y = SharedData.BreastCancer.Y;
        int[] unshuffled = CrossValidation.StratifiedFolds<double>(y, 5, null);

        int[] seed0 = CrossValidation.StratifiedFolds<double>(y, 5, 0);
        int[] seed0Again = CrossValidation.StratifiedFolds<double>(y, 5, 0);
        int[] seed1 = CrossValidation.StratifiedFolds<double>(y, 5, 1);

        Assert.Equal(seed0, seed0Again);
        Assert.NotEqual(seed0, seed1);
        Assert.NotEqual(unshuffled, seed0);
        foreach (int[] folds in new[] { seed0, seed1 })
        {
            // Each fold holds as many rows of each class as the unshuffled split.
            for (int fold = 0; fold < 5; fold++)
            {
                for (int label = 0; label <= 1; label++)
                {
                    Assert.Equal(CountOf(unshuffled, y, fold, label), CountOf(folds, y, fold, label));
                }
            }
        }

        // The counts of each class in the folds differ by at most one (212 malignant, 357 benign over 5 folds).
        int[] malignant = Enumerable.Range(0, 5).Select(f => CountOf(seed0, y, f, 1)).ToArray();
        Assert.InRange(malignant.Max() - malignant.Min(), 0, 1);
    }

    [Fact]
    public void Heart_LogLoss_MatchesLogisticRegressionCV()
    {
        JsonElement heart = Reference.GetProperty("heart");
        CrossValidationResult<double> result = Fit(SharedData.Heart, heart, s_exact, CrossValidationScoring.LogLoss);

        AssertScores(Matrix(heart.GetProperty("logLossScores")), result, 1e-6);
        Assert.Equal(heart.GetProperty("logLossChosenC").GetDouble(), result.BestC);

        // The refit at the chosen C is LogisticRegressionCV's refit (the exact minimizer, from newton-cholesky).
        double[] weights = heart.GetProperty("refitWeights").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var sklearn = new LogisticRegressionModel<double>(weights, heart.GetProperty("refitIntercept").GetDouble());
        WarmStartTests.AssertSameProbabilities(new ReadOnlyMatrixSpan<double>(SharedData.Heart.X, SharedData.Heart.Rows, SharedData.Heart.Columns), sklearn, result.Refit.Model, 1e-6);
        Assert.True(result.Refit.Report.Converged);
    }

    [Fact]
    public void Heart_Accuracy_MatchesLogisticRegressionCV()
    {
        JsonElement heart = Reference.GetProperty("heart");
        CrossValidationResult<double> result = Fit(SharedData.Heart, heart, s_exact, CrossValidationScoring.Accuracy);

        AssertScores(Matrix(heart.GetProperty("accuracyScores")), result, 1e-12);
        Assert.Equal(heart.GetProperty("accuracyChosenC").GetDouble(), result.BestC);
    }

    [Fact]
    public void Heart_SampleAndBalancedClassWeights_MatchScikitLearn()
    {
        JsonElement reference = Reference.GetProperty("heartWeighted");
        LabeledData heart = SharedData.Heart;
        double[] sampleWeights = Enumerable.Range(0, heart.Rows).Select(i => (((i * 7) % 11) / 4.0) + 0.25).ToArray();

        CrossValidationResult<double> result = Fit(heart, reference, s_exact with { ClassWeight = ClassWeight.Balanced }, CrossValidationScoring.LogLoss, sampleWeights);

        AssertScores(Matrix(reference.GetProperty("logLossScores")), result, 1e-6);
    }

    [Fact]
    public void BalancedClassWeight_IsResolvedOnceFromAllRows_AsScikitLearn()
    {
        // With 5 folds the training folds of breast cancer hold 169 or 170 malignant rows of 455 or 456, so weights
        // resolved per fold would differ from fold to fold and from the final fit's.
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        int positives = bc.Data.Y.Count(v => v == 1), negatives = bc.Data.Rows - positives;
        var options = new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 1000 };
        var crossValidation = new CrossValidationOptions { Cs = [0.1, 1], ShuffleSeed = null };

        CrossValidationResult<double> balanced = CrossValidation.Fit<double>(options with { ClassWeight = ClassWeight.Balanced }, crossValidation, bc.X, bc.Data.Y);
        CrossValidationResult<double> explicitWeights = CrossValidation.Fit<double>(
            options with { ClassWeight = ClassWeight.Explicit(bc.Data.Rows / (2.0 * negatives), bc.Data.Rows / (2.0 * positives)) }, crossValidation, bc.X, bc.Data.Y);

        Assert.Equal(explicitWeights.FoldScores, balanced.FoldScores);
        Assert.Equal(ClassWeight.Balanced, balanced.Refit.Model.Metadata!.ClassWeight);
    }

    [Fact]
    public void BreastCancer_StandardizedInsideEachFold_MatchesScikitLearnsPipeline()
    {
        JsonElement reference = Reference.GetProperty("breastCancerStandardized");

        CrossValidationResult<double> result = Fit(SharedData.BreastCancer, reference, s_exact with { Standardize = true }, CrossValidationScoring.LogLoss);

        AssertScores(Matrix(reference.GetProperty("logLossScores")), result, 1e-6);
    }

    [Fact]
    public void Result_DoesNotDependOnTheThreadCount_AndRefitEqualsAColdFitAtTheChosenC()
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var options = new LogisticRegressionOptions { Standardize = true, Tolerance = 1e-8, MaxIterations = 1000 };
        var crossValidation = new CrossValidationOptions { Folds = 4, Cs = [1e-3, 0.1, 1, 10], ShuffleSeed = 7 };

        CrossValidationResult<double> one = CrossValidation.Fit<double>(options with { MaxDegreeOfParallelism = 1 }, crossValidation, bc.X, bc.Data.Y);
        CrossValidationResult<double> two = CrossValidation.Fit<double>(options with { MaxDegreeOfParallelism = 2 }, crossValidation, bc.X, bc.Data.Y);

        Assert.Equal(one.FoldScores, two.FoldScores);
        Assert.Equal(one.Refit.Model.Weights.ToArray(), two.Refit.Model.Weights.ToArray());
        Assert.Equal(one.MeanScores.Min(), one.MeanScores[one.BestIndex]);
        TrainingResult<double> cold = new LogisticRegressionTrainer(options with { Regularization = Regularization.FromC(one.BestC) }).Fit<double>(bc.X, bc.Data.Y);
        WarmStartTests.AssertSameProbabilities(bc.X, cold.Model, one.Refit.Model, 1e-6);
        output.WriteLine($"chosen C {one.BestC}; fold paths {one.PathIterations} iterations; refit {one.Refit.Report.Iterations}, cold {cold.Report.Iterations}");
    }

    [Fact]
    public void Float_ChoosesTheSameC_WithScoresCloseToDouble()
    {
        LabeledData heart = SharedData.Heart;
        var options = new LogisticRegressionOptions { Tolerance = 1e-5, MaxIterations = 1000 };
        var crossValidation = new CrossValidationOptions { Cs = [1e-3, 0.1, 1, 100] };

        CrossValidationResult<double> inDouble = CrossValidation.Fit<double>(options, crossValidation, new ReadOnlyMatrixSpan<double>(heart.X, heart.Rows, heart.Columns), heart.Y);
        CrossValidationResult<float> inFloat = CrossValidation.Fit<float>(options, crossValidation, new ReadOnlyMatrixSpan<float>(heart.XAsFloat(), heart.Rows, heart.Columns), heart.YAsFloat());

        Assert.Equal(inDouble.FoldOfRow, inFloat.FoldOfRow);
        Assert.Equal(inDouble.BestC, inFloat.BestC);
        double gap = inDouble.MeanScores.Zip(inFloat.MeanScores, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"max |mean score (float) - mean score (double)| = {gap:E3}");
        Assert.True(gap <= 1e-4, $"{gap:E3}");
    }

    [Fact]
    public void ThrowsForAHeldOutFoldOfZeroWeight_NamingTheFold()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();
        int[] folds = CrossValidation.StratifiedFolds<double>(heart.Data.Y, 5, 0);
        double[] sampleWeights = Array.ConvertAll(folds, f => f == 3 ? 0.0 : 1.0);

        var e = Assert.Throws<ArgumentException>(() =>
            CrossValidation.Fit<double>(LogisticRegressionOptions.Default, new CrossValidationOptions { Cs = [1] }, heart.X, heart.Data.Y, sampleWeights));

        Assert.Equal("sampleWeights", e.ParamName);
        Assert.Contains("Fold 3 of 5 holds 54 rows whose sample weights are all 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "'Folds':1 must be at least 2.")]
    [InlineData(121, "'Folds':121 is more than the 120 rows of class 1, the smaller class")]
    public void ThrowsForFoldsOutOfRange_NamingTheValue(int folds, string expected)
    {
        ReferenceProblem heart = ReferenceProblem.Heart();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CrossValidation.Fit<double>(LogisticRegressionOptions.Default, new CrossValidationOptions { Folds = folds }, heart.X, heart.Data.Y));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowsForABadC_NamingIndexAndValue()
    {
        ReferenceProblem heart = ReferenceProblem.Heart();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CrossValidation.Fit<double>(LogisticRegressionOptions.Default, new CrossValidationOptions { Cs = [1, 2, -3] }, heart.X, heart.Data.Y));

        Assert.Contains("'cs'[2]:-3 must be", e.Message, StringComparison.Ordinal);
    }

    private static CrossValidationResult<double> Fit(LabeledData data, JsonElement reference, LogisticRegressionOptions options, CrossValidationScoring scoring, double[]? sampleWeights = null)
    {
        var crossValidation = new CrossValidationOptions
        {
            Folds = reference.GetProperty("folds").GetInt32(),
            Cs = reference.GetProperty("Cs").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            ShuffleSeed = null,
            Scoring = scoring,
        };
        return CrossValidation.Fit<double>(options, crossValidation, new ReadOnlyMatrixSpan<double>(data.X, data.Rows, data.Columns), data.Y, sampleWeights);
    }

    private static double[][] Matrix(JsonElement rows) =>
        rows.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    private void AssertScores(double[][] expected, CrossValidationResult<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Folds);
        double gap = 0;
        for (int fold = 0; fold < expected.Length; fold++)
        {
            Assert.Equal(expected[fold].Length, actual.FoldScores[fold].Count);
            for (int c = 0; c < expected[fold].Length; c++)
            {
                gap = Math.Max(gap, Math.Abs(expected[fold][c] - actual.FoldScores[fold][c]));
            }
        }

        output.WriteLine($"max |score - score_sklearn| = {gap:E3} over {expected.Length} folds x {expected[0].Length} values of C");
        Assert.True(gap <= tolerance, $"max |score - score_sklearn| = {gap:E3} > {tolerance:E1}");
    }

    private static int CountOf(int[] folds, double[] y, int fold, int label) =>
        Enumerable.Range(0, y.Length).Count(i => folds[i] == fold && y[i] == label);
}
