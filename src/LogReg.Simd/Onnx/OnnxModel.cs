using System.Numerics;
using Google.Protobuf;
using LogReg.Simd.Internal;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using Onnx;

namespace LogReg.Simd.Onnx;

/// <summary>
/// Exports a binary <see cref="LogisticRegressionModel{T}"/> to ONNX, so any ONNX runtime can serve it, and
/// imports the binary logistic regressions scikit-learn's converter (skl2onnx) writes, so this library serves them.
/// </summary>
/// <remarks>
/// <para>
/// Export lays a model out as skl2onnx lays out a binary <c>LogisticRegression</c>: a float input <c>X</c> [N, n],
/// an int64 (or string) <c>label</c> [N] and <c>probabilities</c> [N, 2] = (P(class 0), P(class 1)). A float
/// model is an <c>ai.onnx.ml</c> <c>LinearClassifier</c> with post_transform LOGISTIC after a <c>Scaler</c> node
/// when the model standardizes; a double model is MatMul, Add and Sigmoid in double (with Sub and Div for
/// the scaler), as skl2onnx writes double models. Opset 21, ai.onnx.ml 3, IR version 10. The metadata holds
/// the producer, the feature names and this library's JSON model document (training report included).
/// </para>
/// <para>
/// Import accepts those graphs and skl2onnx's: LinearClassifier (LOGISTIC, two classes) or
/// Sigmoid(Add(MatMul)), optionally after a Scaler (or Sub and Div) and Casts, optionally followed by an L1
/// Normalizer (or its Div/ReduceSum/Abs form) and a ZipMap. Anything else (a multiclass model, another
/// post_transform, a tree ensemble, a second scaler) is refused with an <see cref="OnnxFormatException"/> that
/// names the node or attribute. Files larger than <see cref="MaxFileBytes"/> are refused before they are
/// read, so a hostile file cannot make the reader allocate without bound.
/// </para>
/// </remarks>
public static class OnnxModel
{
    /// <summary>The largest ONNX file <see cref="Import{T}(Stream)"/> reads: 64 MiB (a float model of about two million features).</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <summary>Writes <paramref name="model"/> as an ONNX model.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="destination">A writable stream; it is not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="destination"/> is null.</exception>
    public static void Export<T>(LogisticRegressionModel<T> model, Stream destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        OnnxExporter.Build(model).WriteTo(destination);
    }

    /// <summary>Writes <paramref name="model"/> as an ONNX file, replacing any file at <paramref name="path"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file could not be written; the previous file, if any, is intact.</exception>
    /// <remarks>As <see cref="ModelSerializer.Save{T}(LogisticRegressionModel{T}, string)"/>: a temporary file in the same folder replaces <paramref name="path"/> with one rename.</remarks>
    public static void Export<T>(LogisticRegressionModel<T> model, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, "the ONNX model", file => Export(model, file));
    }

    /// <summary>Reads a binary logistic regression from an ONNX model whose input is a tensor of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the element type of the graph's input.</typeparam>
    /// <param name="source">A readable stream positioned at the model; it is read to its end and not closed.</param>
    /// <returns>The model, with the class labels of the graph; from this library's export also the training metadata, feature names and exact scales.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="OnnxFormatException">
    /// The stream is longer than <see cref="MaxFileBytes"/>, is not a valid ONNX protobuf, its input is of the
    /// other element type, or its graph is not a binary logistic regression (the message names the node or attribute).
    /// </exception>
    public static LogisticRegressionModel<T> Import<T>(Stream source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        return OnnxImporter.Import<T>(Parse(source));
    }

    /// <summary>Reads a model from an ONNX file; see <see cref="Import{T}(Stream)"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the element type of the graph's input.</typeparam>
    /// <param name="path">The ONNX file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="OnnxFormatException">The file is not a binary logistic regression this library can import.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static LogisticRegressionModel<T> Import<T>(string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using FileStream file = OpenRead(path);
        return Import<T>(file);
    }

    /// <summary>Reads a model of the element type the graph's input has, for callers that learn it from the file (a CLI).</summary>
    /// <param name="source">A readable stream positioned at the model; it is read to its end and not closed.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or of <see cref="double"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="OnnxFormatException">The stream is not a binary logistic regression this library can import.</exception>
    public static object ImportAny(Stream source)
    {
        ModelProto model = Parse(source);
        return OnnxImporter.InputElementType(model) == typeof(float)
            ? OnnxImporter.Import<float>(model)
            : OnnxImporter.Import<double>(model);
    }

    /// <summary>Reads a model of either element type from an ONNX file; see <see cref="ImportAny(Stream)"/>.</summary>
    /// <param name="path">The ONNX file.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or of <see cref="double"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="OnnxFormatException">The file is not a binary logistic regression this library can import.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static object ImportAny(string path)
    {
        using FileStream file = OpenRead(path);
        return ImportAny(file);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>
    /// Reads at most <see cref="MaxFileBytes"/> into one buffer and parses from it: every length prefix is then
    /// checked against the bytes actually present before anything is allocated for it.
    /// </summary>
    private static ModelProto Parse(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.CanSeek && source.Length - source.Position > MaxFileBytes)
        {
            throw new OnnxFormatException($"the ONNX model has {source.Length - source.Position} bytes; at most {MaxFileBytes} are read.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new OnnxFormatException($"the ONNX model is longer than {MaxFileBytes} bytes, the most that is read.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new OnnxFormatException("the ONNX model is empty.");
        }

        try
        {
            return ModelProto.Parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException($"the file is not a valid ONNX protobuf: {e.Message}", e);
        }
    }
}
