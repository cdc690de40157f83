namespace LogReg.Simd.Model;

/// <summary>Why a fit stopped.</summary>
public enum ConvergenceReason
{
    /// <summary>max |gradient| reached the tolerance: converged.</summary>
    ToleranceReached,

    /// <summary>The iteration limit was reached first: not converged.</summary>
    IterationLimit,

    /// <summary>The cancellation token was signalled: not converged.</summary>
    Cancelled,

    /// <summary>The line search found no step that satisfies the strong Wolfe conditions: not converged.</summary>
    LineSearchFailed,
}
