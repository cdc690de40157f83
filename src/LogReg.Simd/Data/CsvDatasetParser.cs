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

    public static Dataset<T> Read<T>(TextReader textReader, string sourceName, Sep spec, LabelColumn label, string? positiveLabel = null, bool dropLabelColumn = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Ragged rows are checked here rather than by Sep, so the error can name the file and line.
        var readerOptions = spec.Reader(o => o with
        {
            HasHeader = true,
            DisableColCountCheck = true,
            Unescape = true,
            CultureInfo = CultureInfo.InvariantCulture,
        });

        SepReader reader;
        try
        {
            reader = readerOptions.From(textReader, leaveOpen: true);
        }
        catch (ArgumentException e)
        {
            // Sep reads the header here and rejects duplicate column names.
            throw new DataFormatException(sourceName, 1, null, null, "the header is not valid: " + e.Message, e);
        }

        using (reader)
        {
            return ReadRows<T>(reader, sourceName, label, positiveLabel, dropLabelColumn);
        }
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
    private static Dataset<T> ReadRows<T>(SepReader reader, string sourceName, LabelColumn label, string? positiveLabel, bool dropLabelColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (reader.IsEmpty)
        {
            DataFormatThrowHelper.Throw(sourceName, 1, "the file is empty; expected a header row");
        }

        var header = reader.Header.ColNames;
        int fieldCount = header.Count;
        int labelIndex = ResolveLabelIndex(header, label, sourceName);
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
        var features = new GrowableArray<T>(featureCount * 1024);
        var labels = new GrowableArray<T>(labelled ? 1024 : 0);
        var classes = new ClassLabelMap(sourceName, labelName, positiveLabel);
        int rows = 0;
        int nextLine = 2;
        foreach (var row in reader)
        {
            int line = row.LineNumberFrom;
            nextLine = row.LineNumberToExcl;
            if (row.ColCount != fieldCount)
            {
                if (row.ColCount == 1 && row.Span.IsEmpty)
                {
                    continue;
                }

                ThrowRagged(sourceName, line, row.ColCount, fieldCount, row.Span);
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

    private static int ResolveLabelIndex(IReadOnlyList<string> header, LabelColumn label, string sourceName)
    {
        if (label.IsNone)
        {
            return -1;
        }

        if (label.Name is string name)
        {
            for (int i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            DataFormatThrowHelper.Throw(sourceName, 1, $"label column '{name}' is not in the header ({DataFormatThrowHelper.Shorten(string.Join(',', header))})");
        }

        if (label.Index is int index)
        {
            if (index >= header.Count)
            {
                DataFormatThrowHelper.Throw(sourceName, 1, $"label column index {index} is out of range; the header has {header.Count} columns");
            }

            return index;
        }

        return header.Count - 1;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowRagged(string sourceName, int line, int found, int expected, ReadOnlySpan<char> rowText) =>
        DataFormatThrowHelper.Throw(sourceName, line, null, rowText, $"has {found} fields; the header has {expected}");
}
