using System.Text.Json;
using LogReg.Simd.Model;
using LogReg.Simd.Tests.TestSupport;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Training;

/// <summary>The scikit-learn cross-check; the reference coefficients and how they were made are in <see cref="ScikitLearnReference"/>.</summary>
public sealed partial class LogisticRegressionTrainerTests
{
    [Theory]
    [InlineData("breast_cancer")]
    [InlineData("heart")]
    public void Lbfgs_AgreesWithScikitLearn(string name)
    {
        bool heart = name == "heart";
        ReferenceProblem problem = heart ? ReferenceProblem.Heart() : ReferenceProblem.BreastCancer(1.0);
        var options = problem.Options(new LogisticRegressionOptions { Tolerance = 1e-8, MaxIterations = 1000 });
        LogisticRegressionModel<double> model = new LogisticRegressionTrainer(options).Fit<double>(problem.X, problem.Data.Y).Model;

        // scikit-learn's coefficients are on its own standardized features; give them our scaler (the same
        // population mean and deviation) so both models take raw features.
        var sklearn = new LogisticRegressionModel<double>(heart ? ScikitLearnReference.HeartWeights : ScikitLearnReference.BreastCancerWeights, heart ? ScikitLearnReference.HeartBias : ScikitLearnReference.BreastCancerBias, model.Scaler);
        int m = problem.Data.Rows;
        var ours = new double[m];
        var theirs = new double[m];
        model.PredictProbabilities(problem.X, ours);
        sklearn.PredictProbabilities(problem.X, theirs);
        double gap = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        double sklearnObjective = problem.ObjectiveAt(sklearn.Weights, sklearn.Bias);

        output.WriteLine($"{name}: max |p - p_sklearn| = {gap:E3}; J(sklearn) - J* = {sklearnObjective - problem.Objective:E3}");
        Assert.True(gap <= 1e-6, $"max |p - p_sklearn| = {gap:E3}");
    }

    /// <summary>
    /// class_weight='balanced' with non-uniform sample weights (one row in 11 weighted 0), against scikit-learn's
    /// coefficients from <c>TestData/scikit_learn_balanced.py</c>: scikit-learn weighs class c by m / (2 m_c), from
    /// the class counts, and multiplies the sample weights by it. Weighing by the classes' total sample weights instead
    /// moves the probabilities by about 1e-2.
    /// </summary>
    [Fact]
    public void Balanced_WithSampleWeights_AgreesWithScikitLearn()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "scikit_learn_balanced.json")));
        JsonElement root = reference.RootElement;
        LabeledData data = SharedData.BreastCancer;
        var x = new LogReg.Simd.Data.ReadOnlyMatrixSpan<double>(data.X, data.Rows, data.Columns);
        double[] sampleWeights = Enumerable.Range(0, data.Rows).Select(i => ((i * 7) % 11) / 4.0).ToArray();
        var options = new LogisticRegressionOptions
        {
            Standardize = true,
            Regularization = Regularization.FromC(root.GetProperty("C").GetDouble()),
            ClassWeight = ClassWeight.Balanced,

            // At tol 1e-8 the probabilities were 9e-7 from scikit-learn's, at 1e-10 1.4e-9.
            Tolerance = 1e-10,
            MaxIterations = 1000,
        };

        TrainingResult<double> result = new LogisticRegressionTrainer(options).Fit<double>(x, data.Y, sampleWeights);
        Assert.True(result.Report.Converged, $"{result.Report.Reason} after {result.Report.Iterations} iterations");
        LogisticRegressionModel<double> model = result.Model;

        double[] weights = root.GetProperty("weights").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var sklearn = new LogisticRegressionModel<double>(weights, root.GetProperty("intercept").GetDouble(), model.Scaler);
        var ours = new double[data.Rows];
        var theirs = new double[data.Rows];
        model.PredictProbabilities(x, ours);
        sklearn.PredictProbabilities(x, theirs);
        double gap = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"balanced, weighted: max |p - p_sklearn| = {gap:E3} (scikit-learn {root.GetProperty("sklearn").GetString()})");
        Assert.True(gap <= 1e-6, $"max |p - p_sklearn| = {gap:E3}");
    }
}
