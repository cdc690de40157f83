using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

public static partial class DatasetReader
{
    /// <summary>Reads a CSV file, with a header row unless the options say otherwise, into a data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="path">The file to read, UTF-8 or with a byte order mark. Error messages name it as given.</param>
    /// <param name="options">The delimiter and label column, or <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The features of every column but the label column, the labels coded 0 and 1, and the class labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the delimiter is not allowed.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataFormatException">
    /// The file is empty or has no data rows, the header repeats a name or is all numbers (a file without a
    /// header read with <see cref="CsvReadOptions.HasHeader"/> <see langword="true"/>), the label column is not
    /// in the header, a row has a different number of fields from the header, a value is not a finite
    /// number, a label is empty, or the label column holds more than two distinct values, or one value that
    /// does not name the other class.
    /// </exception>
    /// <exception cref="ClassLabelException">
    /// The label column's values do not say which class is positive (neither or both are 1, +1, true or yes),
    /// or <see cref="CsvReadOptions.PositiveLabel"/> is not among them.
    /// </exception>
    public static Dataset<T> ReadCsv<T>(string path, CsvReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        options ??= CsvReadOptions.Default;
        var sep = CsvDatasetParser.CreateSep(options);
        using var reader = OpenText(path);
        return CsvDatasetParser.Read<T>(reader, path, sep, options.Label, options.HasHeader, options.PositiveLabel, options.DropLabelColumn);
    }

    /// <summary>Reads CSV text, with a header row unless the options say otherwise, from a stream into a data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="stream">The text, UTF-8 or with a byte order mark. It is read to the end and left open.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The delimiter and label column, or <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The features of every column but the label column, the labels coded 0 and 1, and the class labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The delimiter is not allowed.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadCsv{T}(string, CsvReadOptions?)"/>.</exception>
    /// <exception cref="ClassLabelException">The positive class cannot be chosen; see <see cref="ReadCsv{T}(string, CsvReadOptions?)"/>.</exception>
    public static Dataset<T> ReadCsv<T>(Stream stream, string sourceName, CsvReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvReadOptions.Default;
        var sep = CsvDatasetParser.CreateSep(options);
        using var reader = OpenText(stream);
        return CsvDatasetParser.Read<T>(reader, sourceName, sep, options.Label, options.HasHeader, options.PositiveLabel, options.DropLabelColumn);
    }

    /// <summary>Reads CSV text, with a header row unless the options say otherwise, into a data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="reader">The text. It is read to the end and not disposed.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The delimiter and label column, or <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The features of every column but the label column, the labels coded 0 and 1, and the class labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The delimiter is not allowed.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadCsv{T}(string, CsvReadOptions?)"/>.</exception>
    /// <exception cref="ClassLabelException">The positive class cannot be chosen; see <see cref="ReadCsv{T}(string, CsvReadOptions?)"/>.</exception>
    public static Dataset<T> ReadCsv<T>(TextReader reader, string sourceName, CsvReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvReadOptions.Default;
        return CsvDatasetParser.Read<T>(reader, sourceName, CsvDatasetParser.CreateSep(options), options.Label, options.HasHeader, options.PositiveLabel, options.DropLabelColumn);
    }

    /// <summary>Reads the column names of a CSV file's header row, for a caller that chooses the label column from them.</summary>
    internal static IReadOnlyList<string> ReadCsvHeader(string path, CsvReadOptions options)
    {
        var sep = CsvDatasetParser.CreateSep(options);
        using var reader = OpenText(path);
        return CsvDatasetParser.ReadHeader(reader, sep);
    }
}
