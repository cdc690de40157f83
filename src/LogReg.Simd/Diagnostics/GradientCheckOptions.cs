namespace LogReg.Simd.Diagnostics;

/// <summary>Settings of a <see cref="GradientCheck"/>, modelled on <c>torch.autograd.gradcheck</c>.</summary>
/// <remarks>A coordinate passes when |analytic - numerical| &lt;= <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> * |numerical|.</remarks>
public sealed record GradientCheckOptions
{
    /// <summary>Gets the default settings: step 1e-6, absolute tolerance 1e-5, relative tolerance 1e-3.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>Gets the central-difference step h: the derivative is (f(x + h e_i) - f(x - h e_i)) / 2h. Default 1e-6.</summary>
    public double Step { get; init; } = 1e-6;

    /// <summary>Gets the absolute tolerance. Default 1e-5.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-5;

    /// <summary>Gets the relative tolerance. Default 1e-3.</summary>
    public double RelativeTolerance { get; init; } = 1e-3;

    internal void Validate()
    {
        if (!double.IsFinite(Step) || Step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Step), Step, $"'{nameof(Step)}':{Step} must be a finite number > 0.");
        }

        if (!double.IsFinite(AbsoluteTolerance) || AbsoluteTolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, $"'{nameof(AbsoluteTolerance)}':{AbsoluteTolerance} must be a finite number >= 0.");
        }

        if (!double.IsFinite(RelativeTolerance) || RelativeTolerance < 0 || (RelativeTolerance == 0 && AbsoluteTolerance == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, $"'{nameof(RelativeTolerance)}':{RelativeTolerance} must be a finite number >= 0, and not 0 together with 'AbsoluteTolerance'.");
        }
    }
}
