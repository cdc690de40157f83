namespace LogReg.Simd.Training;

/// <summary>The optimizer that minimizes the objective.</summary>
public enum Solver
{
    /// <summary>Limited-memory BFGS with a strong-Wolfe line search; the default, as in scikit-learn.</summary>
    Lbfgs,

    /// <summary>The seed's full-batch gradient descent with a fixed learning rate.</summary>
    GradientDescent,

    /// <summary>Mini-batch stochastic gradient descent with a seeded shuffle each epoch.</summary>
    MiniBatchSgd,
}

/// <summary>The learning rate of mini-batch SGD over time.</summary>
public enum LearningRateSchedule
{
    /// <summary>eta_t = eta_0.</summary>
    Constant,

    /// <summary>eta_t = eta_0 / t^power, t the 1-based step count (scikit-learn's <c>invscaling</c>).</summary>
    InverseScaling,
}
