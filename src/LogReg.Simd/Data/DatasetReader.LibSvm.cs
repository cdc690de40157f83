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
        return LibSvmDatasetParser.Read<T>(reader, path, options ?? LibSvmReadOptions.Default);
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
        return LibSvmDatasetParser.Read<T>(reader, sourceName, options ?? LibSvmReadOptions.Default);
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
}
