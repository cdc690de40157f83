namespace LogReg.Simd.Training;

/// <summary>The learning rate of mini-batch SGD over time.</summary>
public enum LearningRateSchedule
{
    /// <summary>eta_t = eta_0.</summary>
    Constant,

    /// <summary>eta_t = eta_0 / t^power, t the 1-based step count (scikit-learn's <c>invscaling</c>).</summary>
    InverseScaling,
}
