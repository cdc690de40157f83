using System.Numerics;
using System.Runtime.CompilerServices;

namespace LogReg.Simd.Data;

/// <summary>
/// Codes the text labels of one column as 0 and 1 while reading: the first value seen is coded 0 and
/// the second 1 until <see cref="Finish"/> decides which one is positive and recodes the labels if needed.
/// </summary>
internal sealed class ClassLabelMap(string sourceName, string column, string? positiveLabel)
{
    private string? _first;
    private string? _second;
    private int _firstLine;

    /// <summary>Codes one label: 0 for the first value seen, 1 for the second; a third value throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Code<T>(ReadOnlySpan<char> text, int line)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The same spelling as before is the common case; anything else goes the slow way.
        if (_first is not null && text.SequenceEqual(_first))
        {
            return T.Zero;
        }

        if (_second is not null && text.SequenceEqual(_second))
        {
            return T.One;
        }

        return CodeSlow<T>(text, line);
    }

    /// <summary>
    /// Chooses the positive class and recodes <paramref name="labels"/> so that it is 1: the value equal to
    /// the positive label asked for, else the one that is 1, +1, true or yes.
    /// </summary>
    /// <exception cref="ClassLabelException">The positive class cannot be chosen, or the one asked for is not present.</exception>
    /// <exception cref="DataFormatException">The column holds one value only, and the other class cannot be named.</exception>
    public ClassLabels Finish<T>(Span<T> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string first = _first!;
        bool firstIsPositive;
        if (_second is not string second)
        {
            return FinishOneClass(labels, first);
        }

        if (positiveLabel is not null)
        {
            firstIsPositive = LabelText.SameClass(positiveLabel, first);
            if (!firstIsPositive && !LabelText.SameClass(positiveLabel, second))
            {
                throw new ClassLabelException(sourceName, column, [first, second], positiveLabel);
            }
        }
        else
        {
            firstIsPositive = LabelText.IsPositive(first);
            if (firstIsPositive == LabelText.IsPositive(second))
            {
                throw new ClassLabelException(sourceName, column, [first, second], null);
            }
        }

        Recode(labels, firstIsPositive);
        return firstIsPositive ? new ClassLabels(second, first) : new ClassLabels(first, second);
    }

    /// <summary>
    /// One class only (a sample to evaluate, say): a value other than the positive label asked for is
    /// negative, and a conventional label (0/1, -1/+1, false/true, no/yes) names its partner.
    /// </summary>
    private ClassLabels FinishOneClass<T>(Span<T> labels, string only)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (positiveLabel is not null && !LabelText.SameClass(positiveLabel, only))
        {
            return new ClassLabels(only, positiveLabel.Trim());
        }

        bool positive = positiveLabel is not null || LabelText.IsPositive(only);
        if (Partner(only) is not string partner || (!positive && !LabelText.IsNegative(only)))
        {
            // Often not a label at all: a wrong delimiter makes a whole row the "label".
            DataFormatThrowHelper.Throw(sourceName, _firstLine, column, only, "is the only label value, and names no other class as 0/1, -1/+1 or no/yes would");
            return null;
        }

        Recode(labels, positive);
        return positive ? new ClassLabels(partner, only) : new ClassLabels(only, partner);
    }

    private static void Recode<T>(Span<T> labels, bool firstIsPositive)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (firstIsPositive)
        {
            foreach (ref T y in labels)
            {
                y = T.One - y;
            }
        }
    }

    /// <summary>The other label of a conventional pair (0/1, -1/+1, false/true, no/yes), or null.</summary>
    private static string? Partner(string label) => label.ToUpperInvariant() switch
    {
        "TRUE" => "false",
        "FALSE" => "true",
        "YES" => "no",
        "NO" => "yes",
        _ when LabelText.IsPositive(label) => label.StartsWith('+') ? "-1" : "0",
        _ when LabelText.SameClass("-1", label) => "+1",
        _ when LabelText.IsNegative(label) => "1",
        _ => null,
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T CodeSlow<T>(ReadOnlySpan<char> text, int line)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (_first is not null && LabelText.SameClass(_first, text))
        {
            return T.Zero;
        }

        if (_second is not null && LabelText.SameClass(_second, text))
        {
            return T.One;
        }

        var label = text.Trim();
        if (label.IsEmpty)
        {
            DataFormatThrowHelper.Throw(sourceName, line, column, text, "is not a class label: the label is empty");
        }

        if (_first is null)
        {
            _first = label.ToString();
            _firstLine = line;
            return T.Zero;
        }

        if (_second is null)
        {
            _second = label.ToString();
            return T.One;
        }

        DataFormatThrowHelper.Throw(sourceName, line, column, text, $"is a third label value; binary labels take two values (before it: '{_first}' and '{_second}')");
        return default;
    }
}
