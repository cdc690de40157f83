using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>How a fit went. Non-convergence is never silent: check <see cref="Converged"/> and <see cref="Reason"/>.</summary>
/// <param name="Solver">The optimizer used.</param>
/// <param name="Iterations">The iterations (epochs for SGD) run.</param>
/// <param name="FunctionEvaluations">The loss-and-gradient passes over the data.</param>
/// <param name="Objective">The final objective J.</param>
/// <param name="GradientNorm">The final max |dJ/dtheta|.</param>
/// <param name="Lambda">The L2 strength used (resolved from C when given so).</param>
/// <param name="Reason">Why the fit stopped.</param>
/// <param name="ObjectiveHistory">J at the start and after each iteration.</param>
/// <param name="Elapsed">The wall time of the fit.</param>
public sealed record TrainingReport(
    Solver Solver,
    int Iterations,
    int FunctionEvaluations,
    double Objective,
    double GradientNorm,
    double Lambda,
    ConvergenceReason Reason,
    IReadOnlyList<double> ObjectiveHistory,
    TimeSpan Elapsed)
{
    /// <summary>
    /// Gets a value indicating whether the fit ran on sparse (CSR) data. Standardization then scaled each feature by
    /// its standard deviation without centering it (the model's scaler has means 0), as scikit-learn's
    /// <c>StandardScaler(with_mean=False)</c>: centering would densify the data.
    /// </summary>
    public bool SparseData { get; init; }

    /// <summary>Gets a value indicating whether the tolerance was reached.</summary>
    public bool Converged => Reason == ConvergenceReason.ToleranceReached;

    /// <summary>Gets the Hessian-vector products (passes over the data) made by <see cref="Solver.Newton"/>'s trust-region form; 0 for the other solvers.</summary>
    public int HessianVectorProducts { get; init; }

    /// <summary>Gets the dense Hessians (one pass over the data each) built by <see cref="Solver.Newton"/>'s Cholesky form; 0 for the other solvers.</summary>
    public int Hessians { get; init; }
}
