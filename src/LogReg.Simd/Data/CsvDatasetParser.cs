using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace LogReg.Simd.Data;

/// <summary>Reads a CSV data set with Sep and parses each field straight from its span.</summary>
internal static class CsvDatasetParser
{
    /// <summary>Checks the delimiter before any file is opened.</summary>
    public static Sep CreateSep(CsvReadOptions options)
    {
        try
        {
            return new Sep(options.Delimiter);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{nameof(CsvReadOptions.Delimiter)}' {(int)options.Delimiter} ('{options.Delimiter}') is not a valid delimiter: {e.Message}", nameof(options), e);
        }
    }

    public static Dataset<T> Read<T>(TextReader textReader, string sourceName, Sep spec, LabelColumn label, bool hasHeader, string? positiveLabel = null, bool dropLabelColumn = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Ragged rows are checked here rather than by Sep, so the error can name the file and line.
        // The header is read here too: Sep would reject a numeric first row with repeated values as a
        // header with duplicate names before it could be recognised as data.
        var readerOptions = spec.Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            CultureInfo = CultureInfo.InvariantCulture,
        });

        using SepReader reader = readerOptions.From(textReader, leaveOpen: true);
        return ReadRows<T>(reader, sourceName, label, hasHeader, positiveLabel, dropLabelColumn);
    }

    /// <summary>Reads only the header row's column names; empty for an empty file or a bad header, which <see cref="Read{T}"/> then reports.</summary>
    public static IReadOnlyList<string> ReadHeader(TextReader textReader, Sep spec)
    {
        try
        {
            using var reader = spec.Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true }).From(textReader, leaveOpen: true);
            return reader.IsEmpty ? [] : [.. reader.Header.ColNames];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    // A loader usually runs once per process; fully optimizing it at once beats starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dataset<T> ReadRows<T>(SepReader reader, string sourceName, LabelColumn label, bool hasHeader, string? positiveLabel, bool dropLabelColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Without a header the first non-blank row is data, and gives the column count.
        bool firstRowIsData = !hasHeader;
        bool any = reader.MoveNext();
        while (any && firstRowIsData && IsBlankRow(reader.Current))
        {
            any = reader.MoveNext();
        }

        if (!any)
        {
            DataFormatThrowHelper.Throw(sourceName, 1, hasHeader ? "the file is empty; expected a header row" : "the file is empty; expected data rows");
        }

        string[] header = hasHeader ? ReadHeader(reader.Current, sourceName) : IndexNames(reader.Current.ColCount);
        string shapeOrigin = hasHeader ? "the header" : "the first row";
        int fieldCount = header.Length;
        int labelIndex = ResolveLabelIndex(header, label, sourceName, hasHeader);
        bool labelled = labelIndex >= 0;
        string labelName = labelled ? header[labelIndex] : string.Empty;
        var featureNames = new string[labelled ? fieldCount - 1 : fieldCount];
        for (int i = 0, j = 0; i < fieldCount; i++)
        {
            if (i != labelIndex)
            {
                featureNames[j++] = header[i];
            }
        }

        int featureCount = featureNames.Length;
        // Room for about 1024 rows, but never more than the first few megabytes a wide header could ask for.
        var features = new GrowableArray<T>((int)Math.Min(featureCount * 1024L, 1 << 18));
        var labels = new GrowableArray<T>(labelled ? 1024 : 0);
        var classes = new ClassLabelMap(sourceName, labelName, positiveLabel);
        int rows = 0;
        int nextLine = 2;
        while (firstRowIsData || reader.MoveNext())
        {
            firstRowIsData = false;
            var row = reader.Current;
            int line = row.LineNumberFrom;
            nextLine = row.LineNumberToExcl;
            if (row.ColCount != fieldCount)
            {
                if (IsBlankRow(row))
                {
                    continue;
                }

                ThrowRagged(sourceName, line, row.ColCount, fieldCount, shapeOrigin, row.Span);
            }

            var values = features.Append(featureCount);
            rows++;
            if (!labelled)
            {
                for (int c = 0; c < fieldCount; c++)
                {
                    var text = row[c].Span;
                    if (!NumberText.TryParseFinite(text, out values[c]))
                    {
                        DataFormatThrowHelper.ThrowBadNumber<T>(sourceName, line, featureNames[c], text);
                    }
                }

                continue;
            }

            for (int c = 0; c < labelIndex; c++)
            {
                var text = row[c].Span;
                if (!NumberText.TryParseFinite(text, out values[c]))
                {
                    DataFormatThrowHelper.ThrowBadNumber<T>(sourceName, line, featureNames[c], text);
                }
            }

            for (int c = labelIndex + 1; c < fieldCount; c++)
            {
                var text = row[c].Span;
                if (!NumberText.TryParseFinite(text, out values[c - 1]))
                {
                    DataFormatThrowHelper.ThrowBadNumber<T>(sourceName, line, featureNames[c - 1], text);
                }
            }

            if (!dropLabelColumn)
            {
                labels.Add(classes.Code<T>(row[labelIndex].Span, line));
            }
        }

        if (rows == 0)
        {
            DataFormatThrowHelper.Throw(sourceName, nextLine, "no data rows after the header");
        }

        T[] labelValues = labels.ToExactArray();
        ClassLabels? classLabels = labelled && !dropLabelColumn ? classes.Finish<T>(labelValues) : null;
        return Dataset<T>.TakeOwnership(features.ToExactArray(), rows, featureCount, labelValues, featureNames, classLabels);
    }

    private static bool IsBlankRow(SepReader.Row row) => row.ColCount == 1 && row.Span.IsEmpty;

    /// <summary>Reads the column names, refusing repeated names and a row of numbers, which is data, not a header.</summary>
    private static string[] ReadHeader(SepReader.Row row, string sourceName)
    {
        var names = new string[row.ColCount];
        bool allNumbers = true;
        for (int c = 0; c < names.Length; c++)
        {
            var text = row[c].Span;
            allNumbers &= NumberText.TryParseFinite(text, out double _);
            names[c] = text.ToString();
        }

        // Before the duplicate check: a data row often repeats a value. Names that are the column positions
        // (0, 1, 2, ... as pandas writes for unnamed columns, or 1, 2, 3, ...) are a header, not data.
        if (allNumbers && !IsPositional(names))
        {
            throw new DataFormatException(sourceName, 1, null, DataFormatThrowHelper.Shorten(row.Span), NumericHeaderProblem) { IsNumericHeader = true };
        }

        var seen = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            if (!seen.TryAdd(names[c], c))
            {
                DataFormatThrowHelper.Throw(sourceName, 1, $"the header is not valid: column name '{DataFormatThrowHelper.Shorten(names[c])}' appears twice (columns {seen[names[c]]} and {c})");
            }
        }

        return names;
    }

    private static bool IsPositional(string[] names)
    {
        bool fromZero = true, fromOne = true;
        for (int c = 0; c < names.Length && (fromZero || fromOne); c++)
        {
            fromZero &= names[c] == c.ToString(CultureInfo.InvariantCulture);
            fromOne &= names[c] == (c + 1).ToString(CultureInfo.InvariantCulture);
        }

        return fromZero || fromOne;
    }

    /// <summary>The problem text of a header row that is all numbers; the CLI replaces its advice with its own flag.</summary>
    internal const string NumericHeaderProblem = "is all numbers, so it is data, not a header row; to read a file without a header, set HasHeader to false";

    private static string[] IndexNames(int count)
    {
        var names = new string[count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }

    private static int ResolveLabelIndex(string[] header, LabelColumn label, string sourceName, bool hasHeader)
    {
        if (label.IsNone)
        {
            return -1;
        }

        if (label.Name is string name)
        {
            for (int i = 0; i < header.Length; i++)
            {
                if (string.Equals(header[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            DataFormatThrowHelper.Throw(sourceName, 1, hasHeader
                ? $"label column '{name}' is not in the header ({DataFormatThrowHelper.Shorten(string.Join(',', header))})"
                : $"label column '{name}' does not exist; without a header the columns are named by index, 0 to {header.Length - 1}");
        }

        if (label.Index is int index)
        {
            if (index >= header.Length)
            {
                DataFormatThrowHelper.Throw(sourceName, 1, $"label column index {index} is out of range; {(hasHeader ? "the header" : "the first row")} has {header.Length} columns");
            }

            return index;
        }

        return header.Length - 1;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowRagged(string sourceName, int line, int found, int expected, string shapeOrigin, ReadOnlySpan<char> rowText) =>
        DataFormatThrowHelper.Throw(sourceName, line, null, rowText, $"has {found} fields; {shapeOrigin} has {expected}");
}
