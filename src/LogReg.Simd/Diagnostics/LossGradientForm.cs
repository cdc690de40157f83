namespace LogReg.Simd.Diagnostics;

/// <summary>The four forms of the loss-and-gradient pass, for tools that run any of them.</summary>
public enum LossGradientForm
{
    /// <summary><see cref="Kernels.Reference.LoopedLossGradient"/>: the seed's per-example loop.</summary>
    Looped,

    /// <summary><see cref="Kernels.Reference.VectorizedLossGradient"/>: the seed's two-pass form on TensorPrimitives.</summary>
    Vectorized,

    /// <summary><see cref="Kernels.FusedLossGradient"/>: one fused pass.</summary>
    Fused,

    /// <summary><see cref="Kernels.ParallelLossGradient"/>: the fused pass on all cores.</summary>
    Parallel,
}
