using System.Globalization;

namespace LogReg.Simd.Data;

/// <summary>
/// When two label texts name the same class, and which texts name a positive or a negative class by
/// themselves: numbers compare by value (<c>1</c>, <c>+1</c> and <c>1.0</c> are one class), other text
/// ordinally after trimming blanks.
/// </summary>
internal static class LabelText
{
    public static bool SameClass(string label, ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return label.AsSpan().SequenceEqual(text)
            || (TryNumber(label, out double a) && TryNumber(text, out double b) && a == b);
    }

    /// <summary><c>1</c>, <c>+1</c> (any number equal to 1), <c>true</c> and <c>yes</c>, in any case.</summary>
    public static bool IsPositive(string label) =>
        (TryNumber(label, out double value) && value == 1)
        || label.Equals("true", StringComparison.OrdinalIgnoreCase)
        || label.Equals("yes", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>0</c>, <c>-1</c> (any number equal to them), <c>false</c> and <c>no</c>, in any case.</summary>
    public static bool IsNegative(string label) =>
        (TryNumber(label, out double value) && value is 0 or -1)
        || label.Equals("false", StringComparison.OrdinalIgnoreCase)
        || label.Equals("no", StringComparison.OrdinalIgnoreCase);

    private static bool TryNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
