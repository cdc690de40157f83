namespace LogReg.Simd.Model;

/// <summary>How the two classes are weighted; the class weight multiplies each example's sample weight.</summary>
public readonly record struct ClassWeight
{
    private readonly double _negative;
    private readonly double _positive;

    private ClassWeight(ClassWeightMode mode, double negative, double positive)
    {
        Mode = mode;
        _negative = negative;
        _positive = positive;
    }

    /// <summary>Gets equal weights (1 and 1), the default.</summary>
    public static ClassWeight None => default;

    /// <summary>
    /// Gets scikit-learn's <c>"balanced"</c> weights: m / (2 * m_c) for class c, where m is the number of rows and
    /// m_c the number of rows of class c (<c>n_samples / (n_classes * np.bincount(y))</c>).
    /// </summary>
    /// <remarks>
    /// As in scikit-learn, the rows are counted whatever their sample weights (a row of weight 0 counts too), and
    /// the class weight then multiplies each row's sample weight.
    /// </remarks>
    public static ClassWeight Balanced => new(ClassWeightMode.Balanced, 0, 0);

    /// <summary>Gets how the weights are chosen.</summary>
    public ClassWeightMode Mode { get; }

    /// <summary>Gets the weight of class 0 (NaN for <see cref="Balanced"/>, which depends on the data).</summary>
    /// <remarks>Mode <see cref="ClassWeightMode.None"/> always gives 1, so <c>default(ClassWeight)</c> means equal weights.</remarks>
    public double Negative => Mode switch { ClassWeightMode.None => 1, ClassWeightMode.Balanced => double.NaN, _ => _negative };

    /// <summary>Gets the weight of class 1 (NaN for <see cref="Balanced"/>, which depends on the data).</summary>
    public double Positive => Mode switch { ClassWeightMode.None => 1, ClassWeightMode.Balanced => double.NaN, _ => _positive };

    /// <summary>Gives explicit weights for the two classes.</summary>
    /// <param name="negative">The weight of class 0, finite and &gt; 0.</param>
    /// <param name="positive">The weight of class 1, finite and &gt; 0.</param>
    /// <returns>The class weight.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not finite and positive.</exception>
    public static ClassWeight Explicit(double negative, double positive)
    {
        if (!double.IsFinite(negative) || negative <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(negative), negative, $"'{nameof(negative)}':{negative} must be a finite number > 0.");
        }

        if (!double.IsFinite(positive) || positive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(positive), positive, $"'{nameof(positive)}':{positive} must be a finite number > 0.");
        }

        return new ClassWeight(ClassWeightMode.Explicit, negative, positive);
    }

    /// <summary>The weights of class 0 and class 1 for data with <paramref name="negativeCount"/> rows of class 0 and <paramref name="positiveCount"/> of class 1.</summary>
    /// <param name="negativeCount">m_0, the number of rows of class 0, sample weights aside.</param>
    /// <param name="positiveCount">m_1, the number of rows of class 1, sample weights aside.</param>
    /// <returns>The two class weights.</returns>
    public (double Negative, double Positive) Resolve(int negativeCount, int positiveCount)
    {
        if (Mode != ClassWeightMode.Balanced)
        {
            return (Negative, Positive);
        }

        double total = (double)negativeCount + positiveCount;
        return (total / (2.0 * negativeCount), total / (2.0 * positiveCount));
    }

    /// <inheritdoc/>
    public override string ToString() => Mode switch
    {
        ClassWeightMode.Balanced => "balanced",
        ClassWeightMode.Explicit => $"{{0: {Negative:R}, 1: {Positive:R}}}",
        _ => "none",
    };
}

/// <summary>How a <see cref="ClassWeight"/> is chosen.</summary>
public enum ClassWeightMode
{
    /// <summary>Both classes weigh 1.</summary>
    None,

    /// <summary>Weights inversely proportional to the class counts in the data, as scikit-learn's <c>"balanced"</c>.</summary>
    Balanced,

    /// <summary>Weights given by the caller.</summary>
    Explicit,
}
