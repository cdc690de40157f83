using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Training;

public sealed partial class LogisticRegressionTrainerTests
{
    // 4 rows x 2 columns, both classes.
    private static double[] SmallX() => [0.5, 1.0, -1.0, 2.0, 1.5, -0.5, 0.0, 0.25];

    private static double[] SmallY() => [0, 1, 0, 1];

    private static TrainingResult<double> FitSmall(double[] x, double[] y, double[]? weights = null, int rows = 4, int columns = 2, LogisticRegressionModel<double>? warmStart = null) =>
        new LogisticRegressionTrainer(LogisticRegressionOptions.Default).Fit<double>(new ReadOnlyMatrixSpan<double>(x, rows, columns), y, weights, warmStart);

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+infinity")]
    [InlineData(double.NegativeInfinity, "-infinity")]
    public void Fit_ThrowsForNonFiniteFeature_NamingRowColumnAndValue(double value, string shown)
    {
        double[] x = SmallX();
        x[(2 * 2) + 1] = value;

        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(x, SmallY()));

        Assert.Contains($"x[2, 1] is {shown}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForNonFiniteFeature_InFloat()
    {
        float[] x = Array.ConvertAll(SmallX(), v => (float)v);
        x[3 * 2] = float.NaN;

        var e = Assert.ThrowsAny<ArgumentException>(() => new LogisticRegressionTrainer(LogisticRegressionOptions.Default).Fit<float>(new ReadOnlyMatrixSpan<float>(x, 4, 2), [0f, 1f, 0f, 1f]));

        Assert.Contains("x[3, 0] is NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AcceptsRowWhoseSumOverflows()
    {
        double[] x = [1e308, 1e308, -1.0, 2.0, 1.5, -0.5, 0.0, 0.25];

        TrainingResult<double> result = new LogisticRegressionTrainer(new LogisticRegressionOptions { Standardize = true }).Fit<double>(new ReadOnlyMatrixSpan<double>(x, 4, 2), SmallY());

        // The fit ran on finite numbers: a finite model, finite probabilities, and J never above its start.
        Assert.True(result.Model.Weights.ToArray().All(double.IsFinite) && double.IsFinite(result.Model.Bias), $"w = [{string.Join(", ", result.Model.Weights.ToArray())}], b = {result.Model.Bias}");
        var probabilities = new double[4];
        result.Model.PredictProbabilities(new ReadOnlyMatrixSpan<double>(x, 4, 2), probabilities);
        Assert.All(probabilities, p => Assert.InRange(p, 0.0, 1.0));
        Assert.True(double.IsFinite(result.Report.Objective) && result.Report.Objective <= result.Report.ObjectiveHistory[0], $"J = {result.Report.Objective}, J0 = {result.Report.ObjectiveHistory[0]}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    [InlineData(double.NaN)]
    public void Fit_ThrowsForLabelOtherThanZeroOrOne_NamingRowAndValue(double label)
    {
        double[] y = SmallY();
        y[2] = label;

        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), y));

        string shown = double.IsNaN(label) ? "NaN" : label.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"y[2] is {shown}", e.Message, StringComparison.Ordinal);
        Assert.Contains("0 or 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+infinity")]
    public void Fit_ThrowsForInvalidSampleWeight_NamingRowAndValue(double weight, string shown)
    {
        double[] weights = [1, 1, 1, weight];

        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), SmallY(), weights));

        Assert.Contains($"sampleWeights[3] is {shown}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForZeroRows()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall([], [], rows: 0, columns: 2));

        Assert.Contains("'x' has no rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForZeroColumns()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall([], SmallY(), rows: 4, columns: 0));

        Assert.Contains("'x' has 4 rows but no columns", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Fit_ThrowsForSingleClass_NamingIt(double label)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), [label, label, label, label]));

        Assert.Contains($"only class {label}", e.Message, StringComparison.Ordinal);
        Assert.Contains("all 4 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForClassWithZeroTotalWeight()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), SmallY(), [1, 0, 1, 0]));

        Assert.Contains("Class 1 has total sample weight 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForLabelCountMismatch_NamingBothCounts()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), [0, 1, 0]));

        Assert.Contains("'y' has 3 labels but 'x' has 4 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForWeightCountMismatch_NamingBothCounts()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), SmallY(), [1, 1, 1, 1, 1]));

        Assert.Contains("'sampleWeights' has 5 weights but 'x' has 4 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForWarmStartFeatureCountMismatch_NamingBothCounts()
    {
        var model = new LogisticRegressionModel<double>([1.0, 2.0, 3.0], 0.0);

        var e = Assert.ThrowsAny<ArgumentException>(() => FitSmall(SmallX(), SmallY(), warmStart: model));

        Assert.Contains("'warmStart' has 3 features but 'x' has 2 columns", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { nameof(LogisticRegressionOptions.MaxIterations), "'MaxIterations':0" },
        { nameof(LogisticRegressionOptions.Tolerance), "'Tolerance':-1" },
        { "ToleranceNaN", "'Tolerance':NaN" },
        { nameof(LogisticRegressionOptions.HistorySize), "'HistorySize':0" },
        { nameof(LogisticRegressionOptions.LearningRate), "'LearningRate':0" },
        { "LearningRateInfinity", "'LearningRate':Infinity" },
        { nameof(LogisticRegressionOptions.BatchSize), "'BatchSize':0" },
        { nameof(LogisticRegressionOptions.PowerT), "'PowerT':-0.5" },
        { nameof(LogisticRegressionOptions.Momentum), "'Momentum':1" },
        { "MomentumNegative", "'Momentum':-0.1" },
        { nameof(LogisticRegressionOptions.MaxDegreeOfParallelism), "'MaxDegreeOfParallelism':0" },
        { "MaxDegreeOfParallelismBelow", "'MaxDegreeOfParallelism':-2" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_ThrowsForInvalidOption_NamingOptionAndValue(string option, string expected)
    {
        LogisticRegressionOptions o = LogisticRegressionOptions.Default;
        o = option switch
        {
            "MaxIterations" => o with { MaxIterations = 0 },
            "Tolerance" => o with { Tolerance = -1 },
            "ToleranceNaN" => o with { Tolerance = double.NaN },
            "HistorySize" => o with { HistorySize = 0 },
            "LearningRate" => o with { LearningRate = 0 },
            "LearningRateInfinity" => o with { LearningRate = double.PositiveInfinity },
            "BatchSize" => o with { BatchSize = 0 },
            "PowerT" => o with { PowerT = -0.5 },
            "Momentum" => o with { Momentum = 1 },
            "MomentumNegative" => o with { Momentum = -0.1 },
            "MaxDegreeOfParallelism" => o with { MaxDegreeOfParallelism = 0 },
            _ => o with { MaxDegreeOfParallelism = -2 },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionTrainer(o));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThrowsForNullOptions() =>
        Assert.Throws<ArgumentNullException>(() => new LogisticRegressionTrainer(null!));
}
