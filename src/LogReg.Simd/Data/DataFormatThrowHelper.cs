using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace LogReg.Simd.Data;

/// <summary>Builds and throws <see cref="DataFormatException"/>s out of line, so the parsing loops stay small.</summary>
[StackTraceHidden]
internal static class DataFormatThrowHelper
{
    /// <summary>Long rows are cut in messages; the line number finds the rest.</summary>
    private const int MaxTextLength = 80;

    [DoesNotReturn]
    public static void Throw(string sourceName, int line, string? column, ReadOnlySpan<char> text, string problem) =>
        throw new DataFormatException(sourceName, line, column is null ? null : Shorten(column), Shorten(text), problem);

    [DoesNotReturn]
    public static void Throw(string sourceName, int line, string problem, Exception? innerException = null) =>
        throw new DataFormatException(sourceName, line, null, null, problem, innerException);

    [DoesNotReturn]
    public static void ThrowBadNumber<T>(string sourceName, int line, string column, ReadOnlySpan<char> text)
        where T : struct, IBinaryFloatingPointIeee754<T> =>
        Throw(sourceName, line, column, text, NumberText.DescribeFailure<T>(text));

    public static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= MaxTextLength ? text.ToString() : string.Concat(text[..(MaxTextLength - 3)], "...");

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
