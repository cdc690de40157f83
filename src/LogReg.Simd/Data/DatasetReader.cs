using System.Text;

namespace LogReg.Simd.Data;

/// <summary>Reads labelled data sets for binary classification from CSV and LIBSVM text.</summary>
/// <remarks>
/// Numbers are parsed with the invariant culture straight from the text, with no allocation per value.
/// Every format problem throws a <see cref="DataFormatException"/> that names the source, the 1-based
/// line, the column and the offending text.
/// </remarks>
public static partial class DatasetReader
{
    /// <summary>Characters of text decoded at a time: large enough that file reads are not the bottleneck.</summary>
    private const int ReadBufferLength = 1 << 16;

    private static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // The StreamReader buffers, so the FileStream does not need to (buffer size 0).
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, ReadBufferLength, leaveOpen: false);
    }

    private static StreamReader OpenText(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, ReadBufferLength, leaveOpen: true);
    }
}
