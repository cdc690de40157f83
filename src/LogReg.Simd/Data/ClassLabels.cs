using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// The two class labels of a binary problem as they are written in the data: <see cref="Negative"/> is
/// the class coded 0 and <see cref="Positive"/> the class coded 1, whose probability a model predicts.
/// </summary>
/// <remarks>Immutable; equal when both labels are equal, compared ordinally.</remarks>
public sealed record ClassLabels
{
    /// <summary>Creates the pair of class labels.</summary>
    /// <param name="negative">The label of class 0, for example <c>no</c> or <c>-1</c>.</param>
    /// <param name="positive">The label of class 1, for example <c>yes</c> or <c>+1</c>.</param>
    /// <exception cref="ArgumentNullException">A label is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A label is empty, or the two are the same text.</exception>
    public ClassLabels(string negative, string positive)
    {
        ArgumentException.ThrowIfNullOrEmpty(negative);
        ArgumentException.ThrowIfNullOrEmpty(positive);
        if (string.Equals(negative, positive, StringComparison.Ordinal))
        {
            ThrowHelper.ThrowArgument(nameof(positive), $"'{nameof(positive)}':'{positive}' must differ from '{nameof(negative)}':'{negative}'.");
        }

        Negative = negative;
        Positive = positive;
    }

    /// <summary>Gets the labels <c>0</c> and <c>1</c>: the classes of data given as 0/1 numbers.</summary>
    public static ClassLabels ZeroOne { get; } = new("0", "1");

    /// <summary>Gets the label of class 0.</summary>
    public string Negative { get; }

    /// <summary>Gets the label of class 1, the class whose probability a model predicts.</summary>
    public string Positive { get; }

    /// <summary>Gets the label of a predicted class.</summary>
    /// <param name="predictedClass">0 or 1.</param>
    /// <returns><see cref="Negative"/> for 0, <see cref="Positive"/> for 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="predictedClass"/> is not 0 or 1.</exception>
    public string Of(int predictedClass)
    {
        if (predictedClass is not (0 or 1))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(predictedClass), $"'{nameof(predictedClass)}':{predictedClass} must be 0 or 1.");
        }

        return predictedClass == 1 ? Positive : Negative;
    }

    /// <summary>Describes the pair as <c>negative 'no', positive 'yes'</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"negative '{Negative}', positive '{Positive}'";
}
