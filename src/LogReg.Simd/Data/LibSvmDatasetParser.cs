using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LogReg.Simd.Data;

/// <summary>
/// Reads LIBSVM/SVMlight text, <c>&lt;label&gt; &lt;index&gt;:&lt;value&gt; ...</c> with 1-based increasing
/// indices, into CSR arrays in one pass; the dense reader then densifies them, the sparse reader keeps them.
/// </summary>
/// <remarks>
/// The feature count is the largest index in the whole file, so rows stay sparse while reading either way.
/// The entry arrays grow by the size the text read so far projects for the whole text (when its length is
/// known), and by an eighth otherwise, so they never hold more than about 1.2 times the final entries; they are
/// trimmed when they would. LIBSVM requires increasing indices, as liblinear does: an unsorted or repeated
/// index is an error that names the line and the index, not something silently sorted or summed.
/// </remarks>
internal static class LibSvmDatasetParser
{
    private const string LabelColumnName = "label";

    /// <summary>Reads the text into a dense data set, stopping once the matrix would pass <see cref="LibSvmReadOptions.MaxDenseBytes"/>.</summary>
    public static Dataset<T> Read<T>(TextReader textReader, string sourceName, LibSvmReadOptions options, long? textLength = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var denseLimit = new DenseLimit(options.MaxDenseBytes, Unsafe.SizeOf<T>(), typeof(T) == typeof(float) ? "float" : "double");
        var rows = ParseRows<T>(textReader, sourceName, options.FeatureCount, textLength, denseLimit);
        var features = Densify(rows.Labels.Length, rows.Columns, rows.RowOffsets, rows.Indices, rows.Values);
        return Dataset<T>.TakeOwnership(features, rows.Labels.Length, rows.Columns, rows.Labels, Dataset<T>.DefaultFeatureNames(rows.Columns), rows.ClassLabels);
    }

    /// <summary>Reads the text into a sparse data set, without densifying.</summary>
    public static SparseDataset<T> ReadSparse<T>(TextReader textReader, string sourceName, LibSvmReadOptions options, long? textLength = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ParseRows<T>(textReader, sourceName, options.FeatureCount, textLength, denseLimit: null);
        var features = CsrMatrix<T>.TakeOwnership(rows.RowOffsets, rows.Indices, rows.Values, rows.Columns);
        return SparseDataset<T>.TakeOwnership(features, rows.Labels, rows.ClassLabels);
    }

    // A loader usually runs once per process; fully optimizing it at once beats starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ParsedRows<T> ParseRows<T>(TextReader textReader, string sourceName, int? featureCount, long? textLength, DenseLimit? denseLimit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int featureLimit = featureCount ?? int.MaxValue;
        var lines = new TextLineReader(textReader);
        var rows = new RowsBuilder<T>(textLength);
        var entries = new EntriesBuilder<T>(textLength);
        int maxIndex = 0;
        int lineNumber = 0;
        long consumed = 0;
        string? negativeText = null, positiveText = null;
        while (lines.TryReadLine(out var line))
        {
            lineNumber++;
            consumed += line.Length + 1;
            int comment = line.IndexOf('#');
            if (comment >= 0)
            {
                line = line[..comment];
            }

            int position = 0;
            var labelText = NextToken(line, ref position);
            if (labelText.IsEmpty)
            {
                continue;
            }

            T label = ParseLabel<T>(labelText, sourceName, lineNumber);
            if (label == T.One)
            {
                positiveText ??= labelText.ToString();
            }
            else
            {
                negativeText ??= labelText.ToString();
            }

            SkipQueryId(line, ref position, sourceName, lineNumber);

            int previous = 0;
            while (true)
            {
                SkipBlanks(line, ref position);
                if (position == line.Length)
                {
                    break;
                }

                int tokenStart = position;
                if (!TryParsePairFast(line, ref position, out int index, out T value))
                {
                    (index, value) = ParsePair<T>(NextToken(line, ref position), sourceName, lineNumber, previous, featureCount, rows.Count, denseLimit);
                }

                if (index <= previous || index > featureLimit)
                {
                    ThrowBadIndex(sourceName, lineNumber, line[tokenStart..position], index, previous, featureCount);
                }

                entries.Add(index - 1, value, consumed, sourceName, lineNumber);
                previous = index;
            }

            maxIndex = Math.Max(maxIndex, previous);
            rows.Add(label, entries.Count, consumed);

            // Rows only grow, so once the dense matrix passes the limit it stays past it: stop now, before reading on.
            denseLimit?.Check(sourceName, lineNumber, null, rows.Count, featureCount ?? maxIndex);
        }

        if (rows.Count == 0)
        {
            DataFormatThrowHelper.Throw(sourceName, lineNumber + 1, "no data rows; expected lines of '<label> <index>:<value> ...'");
        }

        var (offsets, labels) = rows.ToExactArrays();
        var (indices, values) = entries.ToArrays();
        return new ParsedRows<T>(labels, offsets, indices, values, featureCount ?? maxIndex, ClassLabelsOf(negativeText, positiveText));
    }

    /// <summary>
    /// Parses the common form of a pair, up to nine digits, a colon and a finite number that ends at a blank
    /// or the end of the line, and moves past it. Anything else returns <see langword="false"/> without
    /// moving, for <see cref="ParsePair{T}"/> to accept or to reject with a precise message.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParsePairFast<T>(ReadOnlySpan<char> line, ref int position, out int index, out T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        index = 0;
        value = default;
        int i = position;
        int digitsEnd = Math.Min(line.Length, i + 9);
        while (i < digitsEnd && char.IsAsciiDigit(line[i]))
        {
            index = (index * 10) + (line[i] - '0');
            i++;
        }

        // The value must start with a sign, a digit or a point: csFastFloat would skip leading blanks.
        if (i == position || i + 1 >= line.Length || line[i] != ':' || !StartsNumber(line[i + 1]))
        {
            return false;
        }

        var rest = line[(i + 1)..];
        if (!NumberText.TryParseFinitePrefix(rest, out int consumed, out value)
            || (consumed < rest.Length && !IsBlank(rest[consumed])))
        {
            return false;
        }

        position = i + 1 + consumed;
        return true;
    }

    /// <summary>Parses one <c>index:value</c> token in full generality, or throws the error that describes it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int Index, T Value) ParsePair<T>(ReadOnlySpan<char> token, string sourceName, int line, int previous, int? featureCount, int rows, DenseLimit? denseLimit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int colon = token.IndexOf(':');
        long wideIndex = 0;
        if (colon <= 0 || colon == token.Length - 1
            || !long.TryParse(token[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out wideIndex))
        {
            DataFormatThrowHelper.Throw(sourceName, line, null, token, "is not an <index>:<value> pair with an integer index");
        }

        // Index errors come before value errors, whichever path found the pair.
        if (wideIndex <= previous || wideIndex > (featureCount ?? int.MaxValue))
        {
            // An index past int can never be a dense column: report the size it asks for, as for any large index.
            if (wideIndex > int.MaxValue && featureCount is null)
            {
                denseLimit?.Check(sourceName, line, token, rows + 1, wideIndex);
            }

            ThrowBadIndex(sourceName, line, token, wideIndex, previous, featureCount);
        }

        int index = (int)wideIndex;

        var valueText = token[(colon + 1)..];
        if (!NumberText.TryParseFinite(valueText, out T value))
        {
            DataFormatThrowHelper.ThrowBadNumber<T>(sourceName, line, DataFormatThrowHelper.Invariant(index), valueText);
        }

        return (index, value);
    }

    /// <summary>Skips a <c>qid:&lt;integer&gt;</c> token after the label, which ranking data has and classification ignores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SkipQueryId(ReadOnlySpan<char> line, ref int position, string sourceName, int lineNumber)
    {
        SkipBlanks(line, ref position);
        if (!line[position..].StartsWith("qid:", StringComparison.Ordinal))
        {
            return;
        }

        var token = NextToken(line, ref position);
        if (!long.TryParse(token[4..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            DataFormatThrowHelper.Throw(sourceName, lineNumber, null, token, "is not a qid:<integer> token");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsNumber(char c) => char.IsAsciiDigit(c) || c is '-' or '+' or '.';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SkipBlanks(ReadOnlySpan<char> line, ref int position)
    {
        while (position < line.Length && IsBlank(line[position]))
        {
            position++;
        }
    }

    /// <summary>Maps +1 and 1 to 1, and -1 and 0 to 0: the two label conventions of LIBSVM files.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ParseLabel<T>(ReadOnlySpan<char> text, string sourceName, int line)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!NumberText.TryParseFinite(text, out T label))
        {
            DataFormatThrowHelper.ThrowBadNumber<T>(sourceName, line, LabelColumnName, text);
        }

        if (label == T.One)
        {
            return T.One;
        }

        if (label == T.Zero || label == T.NegativeOne)
        {
            return T.Zero;
        }

        DataFormatThrowHelper.Throw(sourceName, line, LabelColumnName, text, "is not a binary label; expected +1/-1 or 1/0");
        return default;
    }

    /// <summary>The label texts as first written (-1/+1 or 0/1); a class absent from the file takes the partner of the one present.</summary>
    private static ClassLabels ClassLabelsOf(string? negativeText, string? positiveText)
    {
        negativeText ??= positiveText!.StartsWith('+') ? "-1" : "0";
        positiveText ??= negativeText.StartsWith('-') ? "+1" : "1";
        return new ClassLabels(negativeText, positiveText);
    }

    /// <summary>Returns the next run of non-blank characters at or after <paramref name="position"/>, or an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> NextToken(ReadOnlySpan<char> line, ref int position)
    {
        int i = position;
        while ((uint)i < (uint)line.Length && IsBlank(line[i]))
        {
            i++;
        }

        int start = i;
        while ((uint)i < (uint)line.Length && !IsBlank(line[i]))
        {
            i++;
        }

        position = i;
        return line[start..i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\v' or '\f';

    private static T[] Densify<T>(int rows, int columns, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<int> indices, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var features = new T[checked(rows * columns)];
        for (int row = 0; row < rows; row++)
        {
            var dense = features.AsSpan(row * columns, columns);
            for (int k = rowOffsets[row]; k < rowOffsets[row + 1]; k++)
            {
                dense[indices[k]] = values[k];
            }
        }

        return features;
    }

    /// <summary>The largest dense matrix the reader may build, checked before it is built.</summary>
    private readonly struct DenseLimit(long maxBytes, int elementSize, string elementName)
    {
        private readonly long _maxElements = Math.Min(maxBytes / elementSize, Array.MaxLength);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Check(string sourceName, int line, ReadOnlySpan<char> token, long rows, long columns)
        {
            // rows and columns are below 2^31 and 2^63 / 2^31 respectively in every call, so the product cannot wrap.
            if (columns > 0 && rows > _maxElements / columns)
            {
                Throw(sourceName, line, token, rows, columns);
            }
        }

        [DoesNotReturn]
        [StackTraceHidden]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Throw(string sourceName, int line, ReadOnlySpan<char> token, long rows, long columns)
        {
            var bytes = (Int128)rows * columns * elementSize;
            var inv = CultureInfo.InvariantCulture;
            string problem = string.Create(inv, $"needs a dense matrix of {rows} x {columns} {elementName}s ({bytes:N0} bytes), above the limit of {maxBytes:N0} bytes (MaxDenseBytes); LIBSVM files are read into a dense matrix");
            if (token.IsEmpty)
            {
                DataFormatThrowHelper.Throw(sourceName, line, "the data " + problem);
            }

            DataFormatThrowHelper.Throw(sourceName, line, null, token, problem);
        }
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowBadIndex(string sourceName, int line, ReadOnlySpan<char> token, long index, int previous, int? featureCount)
    {
        string problem = index < 1
            ? $"has feature index {index}; indices start at 1"
            : index <= previous
                ? $"has feature index {index}, not above the previous index {previous}; indices must increase"
                : featureCount is int count
                    ? $"has feature index {index}, above the feature count {count}"
                    : $"has feature index {index}, above the largest supported index {int.MaxValue}";
        DataFormatThrowHelper.Throw(sourceName, line, null, token, problem);
    }
}
