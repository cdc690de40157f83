using System.Globalization;

using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>
/// The exception thrown by <c>LogisticRegressionTrainer.Fit</c> when gradient descent or mini-batch SGD
/// diverges: a fixed step that is too long made the objective or its gradient infinite or NaN. Lower
/// <see cref="LogisticRegressionOptions.LearningRate"/>, or use <see cref="Solver.Lbfgs"/>, whose line search cannot diverge.
/// </summary>
/// <remarks>
/// It derives from <see cref="InvalidOperationException"/>, which <c>LogisticRegressionTrainer.Fit</c>
/// threw for divergence before this type existed, so existing handlers still catch it.
/// </remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates an exception with a default message and no details.</summary>
    public TrainingDivergedException()
        : this("The fit diverged.")
    {
    }

    /// <summary>Creates an exception with a message and no details.</summary>
    /// <param name="message">The message.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
        Objective = double.NaN;
        GradientNorm = double.NaN;
        LearningRate = double.NaN;
    }

    /// <summary>Creates an exception with a message, no details and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public TrainingDivergedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Objective = double.NaN;
        GradientNorm = double.NaN;
        LearningRate = double.NaN;
    }

    /// <summary>Creates an exception that says which solver diverged, when, and with which learning rate.</summary>
    /// <param name="solver">The solver that diverged.</param>
    /// <param name="iteration">The 1-based iteration (epoch for SGD) after which the objective or gradient was not finite.</param>
    /// <param name="objective">The objective at that iteration.</param>
    /// <param name="gradientNorm">max |gradient| at that iteration.</param>
    /// <param name="learningRate">The learning rate of the fit (<see cref="LogisticRegressionOptions.LearningRate"/>).</param>
    public TrainingDivergedException(Solver solver, int iteration, double objective, double gradientNorm, double learningRate)
        : base(FormatMessage(solver, iteration, objective, gradientNorm, learningRate))
    {
        Solver = solver;
        Iteration = iteration;
        Objective = objective;
        GradientNorm = gradientNorm;
        LearningRate = learningRate;
    }

    /// <summary>Gets the solver that diverged.</summary>
    public Solver Solver { get; }

    /// <summary>Gets the 1-based iteration (epoch for SGD) at which the objective or gradient stopped being finite; 0 when not known.</summary>
    public int Iteration { get; }

    /// <summary>Gets the objective at that iteration (infinite or NaN when the objective diverged; NaN when not known).</summary>
    public double Objective { get; }

    /// <summary>Gets max |gradient| at that iteration (NaN when not known).</summary>
    public double GradientNorm { get; }

    /// <summary>Gets the learning rate of the fit (NaN when not known).</summary>
    public double LearningRate { get; }

    /// <summary>
    /// Gets what stopped being finite, in words: "objective became infinite", "objective became NaN", "gradient became
    /// infinite" or "gradient became NaN"; "details not known" when the exception was created without them.
    /// </summary>
    public string WhatDiverged => Iteration == 0 ? "details not known" : DescribeDivergence(Objective, GradientNorm);

    private static string DescribeDivergence(double objective, double gradientNorm) =>
        !double.IsFinite(objective) ? (double.IsNaN(objective) ? "objective became NaN" : "objective became infinite")
        : double.IsNaN(gradientNorm) ? "gradient became NaN" : "gradient became infinite";

    private static string FormatMessage(Solver solver, int iteration, double objective, double gradientNorm, double learningRate)
    {
        string name = solver == Solver.MiniBatchSgd ? "Mini-batch SGD" : "Gradient descent";
        string step = solver == Solver.MiniBatchSgd ? "epoch" : "iteration";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name} diverged at {step} {iteration} ({DescribeDivergence(objective, gradientNorm)}: objective {objective:R}, max |gradient| {gradientNorm:R}) with 'LearningRate':{learningRate:R}; lower the learning rate or use Solver.Lbfgs.");
    }
}
