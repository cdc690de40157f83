namespace LogReg.Simd.Training;

/// <summary>One iteration's state, reported to an <see cref="IProgress{T}"/> during a fit.</summary>
/// <param name="Iteration">The 1-based iteration (epoch for SGD).</param>
/// <param name="Objective">The objective J after the iteration.</param>
/// <param name="GradientNorm">max |dJ/dtheta| after the iteration.</param>
/// <param name="StepSize">The step length taken (line-search alpha, or the learning rate).</param>
/// <param name="Elapsed">The time since the fit started.</param>
public readonly record struct TrainingProgress(int Iteration, double Objective, double GradientNorm, double StepSize, TimeSpan Elapsed);
