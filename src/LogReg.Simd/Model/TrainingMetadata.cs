namespace LogReg.Simd.Model;

/// <summary>How a model was trained: kept with the model and saved with it.</summary>
/// <param name="Solver">The optimizer.</param>
/// <param name="Iterations">The iterations (epochs for SGD) run.</param>
/// <param name="Objective">The final objective J.</param>
/// <param name="GradientNorm">The final max |dJ/dtheta|.</param>
/// <param name="Reason">Why training stopped.</param>
/// <param name="Lambda">The L2 strength used.</param>
/// <param name="C">scikit-learn's C, when the penalty was given that way.</param>
/// <param name="ClassWeight">The class weighting.</param>
/// <param name="Standardized">Whether features were standardized.</param>
/// <param name="FitIntercept">Whether the bias was fitted.</param>
/// <param name="Tolerance">The stopping tolerance.</param>
/// <param name="MaxIterations">The iteration limit.</param>
/// <param name="TrainingRows">The number of training examples.</param>
public sealed record TrainingMetadata(
    Solver Solver,
    int Iterations,
    double Objective,
    double GradientNorm,
    ConvergenceReason Reason,
    double Lambda,
    double? C,
    ClassWeight ClassWeight,
    bool Standardized,
    bool FitIntercept,
    double Tolerance,
    int MaxIterations,
    int TrainingRows)
{
    /// <summary>Gets a value indicating whether training reached its tolerance.</summary>
    public bool Converged => Reason == ConvergenceReason.ToleranceReached;
}
