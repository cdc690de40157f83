namespace LogReg.Simd.Model;

/// <summary>The optimizer that minimizes the objective.</summary>
public enum Solver
{
    /// <summary>Limited-memory BFGS with a strong-Wolfe line search; the default, as in scikit-learn.</summary>
    Lbfgs,

    /// <summary>The seed's full-batch gradient descent with a fixed learning rate.</summary>
    GradientDescent,

    /// <summary>Mini-batch stochastic gradient descent with a seeded shuffle each epoch.</summary>
    MiniBatchSgd,

    /// <summary>
    /// Newton's method in double (mixed precision over float data): the exact Hessian with Cholesky for up to 64
    /// features, trust-region Newton-CG with Hessian-vector products (liblinear's TRON) above. For badly
    /// conditioned data and tight tolerances, where L-BFGS stalls.
    /// </summary>
    Newton,

    /// <summary>
    /// Chooses <see cref="Newton"/> or <see cref="Lbfgs"/> when the fit starts, and reports the one chosen (never
    /// stored in a model): Newton for float data (only its mixed precision reaches the double optimum), for up to 64
    /// features (its exact-Hessian form), and at tolerances of 1e-8 and below; L-BFGS otherwise. It chooses exactness
    /// over speed (on well-conditioned data L-BFGS was measured faster), so it is not the default.
    /// </summary>
    Auto,
}
