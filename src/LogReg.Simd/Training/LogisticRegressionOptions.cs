using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>
/// The settings of a logistic-regression fit. Immutable; every default is stated, and the defaults
/// reproduce scikit-learn's <c>LogisticRegression()</c> (lbfgs, C = 1, tol 1e-4, max_iter 100).
/// </summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Gets the defaults.</summary>
    public static LogisticRegressionOptions Default { get; } = new();

    /// <summary>Gets the L2 penalty on the weights (never the bias). Default <see cref="Regularization.Default"/>: C = 1.</summary>
    public Regularization Regularization { get; init; } = Regularization.Default;

    /// <summary>Gets a value indicating whether the bias is fitted. Default true; when false the bias is 0.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Gets the class weights, which multiply the sample weights. Default <see cref="ClassWeight.None"/>.</summary>
    public ClassWeight ClassWeight { get; init; } = ClassWeight.None;

    /// <summary>
    /// Gets a value indicating whether features are standardized (mean 0, population standard deviation 1,
    /// as scikit-learn's StandardScaler) before fitting; the model keeps the scaler and takes raw features.
    /// Default false, as scikit-learn's LogisticRegression.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>Gets the optimizer. Default <see cref="Solver.Lbfgs"/>.</summary>
    public Solver Solver { get; init; } = Solver.Lbfgs;

    /// <summary>Gets the most iterations (epochs for SGD). Default 100, as scikit-learn.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Gets the stopping tolerance on max |gradient| of the objective. Default 1e-4, as scikit-learn.
    /// For gradient descent and SGD, 0 turns the check off and runs every iteration.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Gets the number of L-BFGS correction pairs kept. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Gets the learning rate alpha of gradient descent, and eta_0 of SGD. Default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Gets the SGD mini-batch size. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Gets the SGD learning-rate schedule. Default <see cref="LearningRateSchedule.InverseScaling"/>.</summary>
    public LearningRateSchedule LearningRateSchedule { get; init; } = LearningRateSchedule.InverseScaling;

    /// <summary>Gets the exponent of <see cref="LearningRateSchedule.InverseScaling"/>. Default 0.5.</summary>
    public double PowerT { get; init; } = 0.5;

    /// <summary>Gets the SGD momentum in [0, 1). Default 0 (none).</summary>
    public double Momentum { get; init; }

    /// <summary>Gets a value indicating whether SGD momentum is Nesterov's. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Gets the seed of the SGD shuffle. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Gets the most threads for the gradient pass, or -1 (default) for automatic: all cores when
    /// m x n reaches <see cref="Kernels.ParallelLossGradient.AutomaticParallelThreshold"/>, else one.
    /// The fitted model does not depend on it.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
