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
}
