using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

public static partial class DatasetReader
{
    /// <summary>Reads a LIBSVM (SVMlight) file into a dense data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="path">The file to read, UTF-8 or with a byte order mark. Error messages name it as given.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>.</param>
    /// <returns>The features, with zeros where a row gives no value, the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <remarks>
    /// Each line is <c>&lt;label&gt; &lt;index&gt;:&lt;value&gt; ...</c>, with 1-based feature indices that
    /// increase along the line. Labels are +1/-1 or 1/0; +1 and 1 become 1, -1 and 0 become 0.
    /// A <c>qid:&lt;integer&gt;</c> token after the label is ignored, as scikit-learn's
    /// <c>load_svmlight_file</c> does. Text after <c>#</c> is a comment, and blank lines are skipped.
    /// The dense matrix may not pass <see cref="LibSvmReadOptions.MaxDenseBytes"/>; the size is checked
    /// after every line, before it is allocated.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataFormatException">
    /// The file has no data rows, a token is not <c>index:value</c>, an index is below 1, not above the one
    /// before it, or above <see cref="LibSvmReadOptions.FeatureCount"/>, a value is not a finite number,
    /// or a label is not +1, -1, 1 or 0, a <c>qid:</c> token has no integer, or the dense matrix would pass
    /// <see cref="LibSvmReadOptions.MaxDenseBytes"/>.
    /// </exception>
    public static Dataset<T> ReadLibSvm<T>(string path, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        using var reader = OpenText(path);
        return LibSvmDatasetParser.Read<T>(reader, path, options ?? LibSvmReadOptions.Default, TextLength(reader));
    }

    /// <summary>Reads LIBSVM (SVMlight) text from a stream into a dense data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="stream">The text, UTF-8 or with a byte order mark. It is read to the end and left open.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>.</param>
    /// <returns>The features, with zeros where a row gives no value, the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadLibSvm{T}(string, LibSvmReadOptions?)"/>.</exception>
    public static Dataset<T> ReadLibSvm<T>(Stream stream, string sourceName, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(sourceName);
        using var reader = OpenText(stream);
        return LibSvmDatasetParser.Read<T>(reader, sourceName, options ?? LibSvmReadOptions.Default, TextLength(reader));
    }

    /// <summary>Reads LIBSVM (SVMlight) text into a dense data set.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="reader">The text. It is read to the end and not disposed.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>.</param>
    /// <returns>The features, with zeros where a row gives no value, the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadLibSvm{T}(string, LibSvmReadOptions?)"/>.</exception>
    public static Dataset<T> ReadLibSvm<T>(TextReader reader, string sourceName, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return LibSvmDatasetParser.Read<T>(reader, sourceName, options ?? LibSvmReadOptions.Default);
    }

    /// <summary>Reads a LIBSVM (SVMlight) file into a sparse data set, without densifying.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="path">The file to read, UTF-8 or with a byte order mark. Error messages name it as given.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>; <see cref="LibSvmReadOptions.MaxDenseBytes"/> does not apply.</param>
    /// <returns>The features in CSR form (0-based columns: LIBSVM index k is column k - 1), the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <remarks>
    /// <para>
    /// The format, the label rules and every error are those of <see cref="ReadLibSvm{T}(string, LibSvmReadOptions?)"/>,
    /// from the same parser. Indices must strictly increase along a line, as LIBSVM and liblinear require: an
    /// unsorted or repeated index is a <see cref="DataFormatException"/> naming the line and the index, never
    /// sorted or summed in silence. Indices may reach <see cref="int.MaxValue"/> (a column count of
    /// <see cref="int.MaxValue"/>), or <see cref="LibSvmReadOptions.FeatureCount"/> when it is set. Lines with
    /// a label and no pairs are rows with no stored entries.
    /// </para>
    /// <para>
    /// One pass over the text. The entry arrays grow to the size that the text read so far projects for the
    /// whole file, so they end at most about 1.2 times the stored entries (values, indices and offsets), and
    /// are trimmed when they would pass that.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataFormatException">
    /// The file has no data rows, a token is not <c>index:value</c>, an index is below 1, not above the one
    /// before it, or above the feature count, a value is not a finite number, a label is not +1, -1, 1 or 0,
    /// or a <c>qid:</c> token has no integer.
    /// </exception>
    public static SparseDataset<T> ReadLibSvmSparse<T>(string path, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        using var reader = OpenText(path);
        return LibSvmDatasetParser.ReadSparse<T>(reader, path, options ?? LibSvmReadOptions.Default, TextLength(reader));
    }

    /// <summary>Reads LIBSVM (SVMlight) text from a stream into a sparse data set, without densifying.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="stream">The text, UTF-8 or with a byte order mark. It is read to the end and left open.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>.</param>
    /// <returns>The features in CSR form, the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadLibSvmSparse{T}(string, LibSvmReadOptions?)"/>.</exception>
    public static SparseDataset<T> ReadLibSvmSparse<T>(Stream stream, string sourceName, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(sourceName);
        using var reader = OpenText(stream);
        return LibSvmDatasetParser.ReadSparse<T>(reader, sourceName, options ?? LibSvmReadOptions.Default, TextLength(reader));
    }

    /// <summary>Reads LIBSVM (SVMlight) text into a sparse data set, without densifying.</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="reader">The text. It is read to the end and not disposed.</param>
    /// <param name="sourceName">The name that error messages give the text, such as a file name.</param>
    /// <param name="options">The feature count, or <see langword="null"/> for <see cref="LibSvmReadOptions.Default"/>.</param>
    /// <returns>The features in CSR form, the labels mapped to 0 and 1, and the class labels as the file writes them.</returns>
    /// <remarks>The length of the text is unknown here, so the entry arrays grow by an eighth at a time.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="DataFormatException">The text is not a valid data set; see <see cref="ReadLibSvmSparse{T}(string, LibSvmReadOptions?)"/>.</exception>
    public static SparseDataset<T> ReadLibSvmSparse<T>(TextReader reader, string sourceName, LibSvmReadOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return LibSvmDatasetParser.ReadSparse<T>(reader, sourceName, options ?? LibSvmReadOptions.Default, textLength: null);
    }

    /// <summary>The characters left to read, estimated as the bytes left in a seekable stream (exact for ASCII), or null.</summary>
    private static long? TextLength(StreamReader reader) =>
        reader.BaseStream is { CanSeek: true } stream ? Math.Max(0, stream.Length - stream.Position) : null;
}
