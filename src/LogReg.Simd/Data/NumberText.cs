using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using csFastFloat;

namespace LogReg.Simd.Data;

/// <summary>Parses numbers from spans of text with the invariant culture, allocating nothing.</summary>
/// <remarks>
/// csFastFloat (Eisel-Lemire, correctly rounded) parses a number several times faster than
/// <see cref="double.Parse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?)"/>, which is most of the
/// cost of loading. It stops at the first character that is not part of a number, so a value counts only
/// when it consumed the whole field; anything else (spaces around it, junk after it) goes to the
/// BCL parser, which decides.
/// </remarks>
internal static class NumberText
{
    private const NumberStyles FloatStyle = NumberStyles.Float;

    /// <summary>Parses a finite number; NaN and infinities fail, because no feature or label may be one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFinite<T>(ReadOnlySpan<char> text, out T value)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            if (FastDoubleParser.TryParseDouble(text, out int consumed, out double d) && consumed == text.Length)
            {
                value = Unsafe.As<double, T>(ref d);
                return double.IsFinite(d);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            if (FastFloatParser.TryParseFloat(text, out int consumed, out float f) && consumed == text.Length)
            {
                value = Unsafe.As<float, T>(ref f);
                return float.IsFinite(f);
            }
        }

        return TryParseFiniteSlow(text, out value);
    }

    /// <summary>
    /// Parses the finite number at the start of <paramref name="text"/> and says how many characters it took,
    /// so a caller can find the end of a value and parse it in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFinitePrefix<T>(ReadOnlySpan<char> text, out int consumed, out T value)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            bool parsed = FastDoubleParser.TryParseDouble(text, out consumed, out double d);
            value = Unsafe.As<double, T>(ref d);
            return parsed && double.IsFinite(d);
        }

        if (typeof(T) == typeof(float))
        {
            bool parsed = FastFloatParser.TryParseFloat(text, out consumed, out float f);
            value = Unsafe.As<float, T>(ref f);
            return parsed && float.IsFinite(f);
        }

        consumed = 0;
        value = default;
        return false;
    }

    /// <summary>Describes why <see cref="TryParseFinite{T}"/> failed, for the error message.</summary>
    public static string DescribeFailure<T>(ReadOnlySpan<char> text)
        where T : struct, IBinaryFloatingPointIeee754<T> =>
        T.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out _) ? "is not finite" : "is not a number";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseFiniteSlow<T>(ReadOnlySpan<char> text, out T value)
        where T : struct, IBinaryFloatingPointIeee754<T> =>
        T.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value) && T.IsFinite(value);
}
