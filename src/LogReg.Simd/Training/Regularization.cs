namespace LogReg.Simd.Training;

/// <summary>
/// The L2 strength of the objective, given either as scikit-learn's <c>C</c> or directly as lambda,
/// with lambda = 1 / (C * S) where S is the sum of the effective sample weights.
/// </summary>
public readonly record struct Regularization
{
    private Regularization(double? c, double lambda)
    {
        C = c;
        FixedLambda = lambda;
    }

    /// <summary>Gets scikit-learn's default, C = 1.</summary>
    public static Regularization Default => FromC(1.0);

    /// <summary>Gets no penalty: lambda = 0.</summary>
    public static Regularization None => FromLambda(0.0);

    /// <summary>Gets the inverse strength C, when the penalty was given that way.</summary>
    public double? C { get; }

    /// <summary>Gets lambda when it was given directly; 0 when given as C.</summary>
    private double FixedLambda { get; }

    /// <summary>Gives the penalty as scikit-learn's C: lambda = 1 / (C * S).</summary>
    /// <param name="c">The inverse strength, finite and &gt; 0.</param>
    /// <returns>The regularization.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not finite and positive.</exception>
    public static Regularization FromC(double c)
    {
        if (!double.IsFinite(c) || c <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, $"'C':{c} must be a finite number > 0.");
        }

        return new Regularization(c, 0);
    }

    /// <summary>Gives lambda directly.</summary>
    /// <param name="lambda">The strength, finite and &gt;= 0.</param>
    /// <returns>The regularization.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    public static Regularization FromLambda(double lambda)
    {
        if (!double.IsFinite(lambda) || lambda < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"'lambda':{lambda} must be a finite number >= 0.");
        }

        return new Regularization(null, lambda);
    }

    /// <summary>The lambda of this penalty for a total sample weight S.</summary>
    /// <param name="totalSampleWeight">S, the sum of the effective sample weights (m when all are 1).</param>
    /// <returns>1 / (C * S), or the lambda given.</returns>
    public double LambdaFor(double totalSampleWeight) => C is { } c ? 1.0 / (c * totalSampleWeight) : FixedLambda;

    /// <inheritdoc/>
    public override string ToString() => C is { } c ? $"C={c:R}" : $"lambda={FixedLambda:R}";
}
