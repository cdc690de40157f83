using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Model.Persistence;

/// <summary>
/// Saves and loads <see cref="LogisticRegressionModel{T}"/> in a small checksummed binary format
/// (little-endian, version 2; the layout is in the remarks). Version-1 files still load.
/// </summary>
/// <remarks>
/// <para>
/// A round trip is bit-exact: weights, bias, scaler and metadata come back bit for bit, and feature names
/// and class labels as the same strings.
/// </para>
/// <para>
/// Layout (E = 4 or 8 bytes, n = feature count): magic "LRSM" (4), version uint16 (2), element type
/// (1: 1 = float32, 2 = float64), flags (1: bit 0 scaler, bit 1 metadata, bit 2 feature names, bit 3 class
/// labels), n int32 (4), weights (n*E), bias (E), [means (n*E), scales (n*E)], [metadata (74)], names section
/// size S int32 (4, version 2), [n feature names], [negative and positive class labels] (S bytes in all, each
/// string an int32 byte length and UTF-8), XxHash64 of all preceding bytes (8). Version 1 has no names section
/// and no size field.
/// </para>
/// <para>
/// Loading checks the header, then the length it implies against the stream, then the checksum, then
/// the values; it never allocates from a length it has not checked against the bytes actually there. Metadata
/// must be in the ranges a fit produces (for example iterations &gt;= 0, lambda finite and &gt;= 0).
/// Every defect of the input is reported as an <see cref="InvalidDataException"/>.
/// </para>
/// </remarks>
public static class ModelSerializer
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Writes <paramref name="model"/> to <paramref name="destination"/> at its current position.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="destination">A writable stream; it is not flushed or closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds an enum value that is not defined, or the feature names exceed 2 GB of UTF-8.</exception>
    public static void Save<T>(LogisticRegressionModel<T> model, Stream destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        TrainingMetadata? metadata = model.Metadata;
        if (metadata is not null)
        {
            CheckDefined(metadata.Solver, nameof(TrainingMetadata.Solver));
            CheckDefined(metadata.Reason, nameof(TrainingMetadata.Reason));
            CheckDefined(metadata.ClassWeight.Mode, "ClassWeight.Mode");
        }

        byte[][] names = EncodeNames(model);
        long namesSize = 0;
        foreach (byte[] name in names)
        {
            namesSize += sizeof(int) + name.Length;
        }

        if (namesSize > Array.MaxLength)
        {
            ThrowHelper.ThrowArgument(nameof(model), $"The model's feature names and class labels take {namesSize} bytes; a model file holds at most {Array.MaxLength}.");
        }

        var writer = new HashingWriter(destination);
        Span<byte> header = writer.GetSpan(ModelFileFormat.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, ModelFileFormat.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], ModelFileFormat.Version);
        header[6] = (byte)ModelFileFormat.ElementTypeOf<T>();
        header[7] = (byte)((model.Scaler is null ? 0 : ModelFileFormat.ScalerFlag)
            | (metadata is null ? 0 : ModelFileFormat.MetadataFlag)
            | (model.FeatureNames is null ? 0 : ModelFileFormat.FeatureNamesFlag)
            | (model.ClassLabels is null ? 0 : ModelFileFormat.ClassLabelsFlag));
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], model.FeatureCount);
        writer.Advance(ModelFileFormat.HeaderSize);

        writer.WriteValues(model.Weights);
        T bias = model.Bias;
        writer.WriteValues(new ReadOnlySpan<T>(in bias));
        if (model.Scaler is { } scaler)
        {
            writer.WriteValues(scaler.Means);
            writer.WriteValues(scaler.Scales);
        }

        if (metadata is not null)
        {
            WriteMetadata(writer.GetSpan(ModelFileFormat.MetadataSize), metadata);
            writer.Advance(ModelFileFormat.MetadataSize);
        }

        writer.WriteInt32((int)namesSize);
        foreach (byte[] name in names)
        {
            writer.WriteInt32(name.Length);
            writer.WriteBytes(name);
        }

        writer.Finish();
    }

    /// <summary>The UTF-8 of the feature names, then of the two class labels, as the names section stores them.</summary>
    private static byte[][] EncodeNames<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var names = new List<byte[]>();
        foreach (string name in model.FeatureNames ?? [])
        {
            names.Add(Encoding.UTF8.GetBytes(name));
        }

        if (model.ClassLabels is { } labels)
        {
            names.Add(Encoding.UTF8.GetBytes(labels.Negative));
            names.Add(Encoding.UTF8.GetBytes(labels.Positive));
        }

        return [.. names];
    }

    /// <summary>Saves <paramref name="model"/> to a file atomically: the file at <paramref name="path"/> is either the old one or the complete new one.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">
    /// The file could not be written (also when access is denied); the previous file, if any, is intact.
    /// The message names <paramref name="path"/>, never the temporary file.
    /// </exception>
    /// <remarks>
    /// The model goes to a temporary file in the same folder, is flushed to disk, and then replaces
    /// <paramref name="path"/> with one rename. On failure the temporary file is deleted. A process killed
    /// mid-save can leave a <c>.&lt;name&gt;.*.tmp</c> file beside the target, never a partial target.
    /// </remarks>
    public static void Save<T>(LogisticRegressionModel<T> model, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Save(model, path, wrapStream: null);

    /// <summary>Saves to a file, with the file stream passed through <paramref name="wrapStream"/> first (a test hook for failing writes).</summary>
    internal static void Save<T>(LogisticRegressionModel<T> model, string path, Func<Stream, Stream>? wrapStream)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, "the model", file =>
        {
            Stream target = wrapStream is null ? file : wrapStream(file);
            Save(model, target);
            target.Flush();
        });
    }

    /// <summary>Loads a model whose elements are <typeparamref name="T"/>; the model must fill the rest of <paramref name="source"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as saved.</typeparam>
    /// <param name="source">A readable stream positioned at the model; it is read to its end and not closed.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The magic number or version is wrong, the file holds the other element type, the stream is shorter
    /// or longer than the header says, the checksum does not match, or a value is invalid (a non-finite
    /// weight, a scale that is not positive, an unknown enum code, metadata out of range, a string that
    /// is not UTF-8 or overruns the names section, an empty or repeated class label).
    /// </exception>
    public static LogisticRegressionModel<T> Load<T>(Stream source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(source);
        ModelFileHeader header = ReadHeaderCore(source, out byte[] headerBytes);
        ModelElementType requested = ModelFileFormat.ElementTypeOf<T>();
        if (header.ElementType != requested)
        {
            ThrowInvalid($"The model holds {ModelFileFormat.Name(header.ElementType)} values, but {ModelFileFormat.Name(requested)} was asked for; load it as {(header.ElementType == ModelElementType.Float32 ? "float" : "double")} or with LoadAny.");
        }

        byte[] file = ReadVerified(source, header, headerBytes);
        return Parse<T>(header, file);
    }

    /// <summary>Loads a model from a file; see <see cref="Load{T}(Stream)"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as saved.</typeparam>
    /// <param name="path">The model file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid model of <typeparamref name="T"/>.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static LogisticRegressionModel<T> Load<T>(string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using FileStream file = OpenRead(path);
        return Load<T>(file);
    }

    /// <summary>Loads a model of either element type, for callers that learn it from the file (a CLI).</summary>
    /// <param name="source">A readable stream positioned at the model; it is read to its end and not closed.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or of <see cref="double"/>, as saved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream does not hold a valid model; see <see cref="Load{T}(Stream)"/>.</exception>
    /// <example>
    /// <code>
    /// switch (ModelSerializer.LoadAny(stream))
    /// {
    ///     case LogisticRegressionModel&lt;float&gt; f: ...; break;
    ///     case LogisticRegressionModel&lt;double&gt; d: ...; break;
    /// }
    /// </code>
    /// </example>
    public static object LoadAny(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ModelFileHeader header = ReadHeaderCore(source, out byte[] headerBytes);
        byte[] file = ReadVerified(source, header, headerBytes);
        return header.ElementType == ModelElementType.Float32 ? Parse<float>(header, file) : Parse<double>(header, file);
    }

    /// <summary>Loads a model of either element type from a file; see <see cref="LoadAny(Stream)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or of <see cref="double"/>, as saved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid model.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static object LoadAny(string path)
    {
        using FileStream file = OpenRead(path);
        return LoadAny(file);
    }

    /// <summary>Reads and checks only the 12-byte header: magic, version (1 or 2), element type, flags, feature count.</summary>
    /// <param name="source">A readable stream positioned at the model; 12 bytes are consumed.</param>
    /// <returns>What the header says. The rest of the file, and its checksum, are not read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="InvalidDataException">The header is truncated or invalid.</exception>
    public static ModelFileHeader ReadHeader(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReadHeaderCore(source, out _);
    }

    /// <summary>Reads and checks only the header of a model file; see <see cref="ReadHeader(Stream)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>What the header says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The header is truncated or invalid.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static ModelFileHeader ReadHeader(string path)
    {
        using FileStream file = OpenRead(path);
        return ReadHeader(file);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
    }

    private static ModelFileHeader ReadHeaderCore(Stream source, out byte[] bytes)
    {
        bytes = new byte[ModelFileFormat.HeaderSize];
        int read = source.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read >= 4)
        {
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            if (magic != ModelFileFormat.Magic)
            {
                ThrowInvalid($"Not a LogReg.Simd model: the magic number is 0x{magic:X8} ('{Printable(bytes.AsSpan(0, 4))}'), not 'LRSM'.");
            }
        }

        if (read < bytes.Length)
        {
            ThrowInvalid($"The model is truncated: the stream ends after {read} bytes, inside the {ModelFileFormat.HeaderSize}-byte header.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4));
        if (version is not (ModelFileFormat.FirstVersion or ModelFileFormat.Version))
        {
            ThrowInvalid($"Unsupported model format version {version}; this library reads versions {ModelFileFormat.FirstVersion} and {ModelFileFormat.Version}.");
        }

        byte type = bytes[6];
        if (type is not ((byte)ModelElementType.Float32 or (byte)ModelElementType.Float64))
        {
            ThrowInvalid($"Unknown element type code {type}; expected 1 (float32) or 2 (float64).");
        }

        byte flags = bytes[7];
        if (version == ModelFileFormat.FirstVersion && (flags & ~(ModelFileFormat.ScalerFlag | ModelFileFormat.MetadataFlag)) != 0)
        {
            ThrowInvalid($"Unknown flags 0x{flags:X2}; version 1 defines only bit 0 (scaler) and bit 1 (metadata).");
        }

        if ((flags & ~(ModelFileFormat.ScalerFlag | ModelFileFormat.MetadataFlag | ModelFileFormat.FeatureNamesFlag | ModelFileFormat.ClassLabelsFlag)) != 0)
        {
            ThrowInvalid($"Unknown flags 0x{flags:X2}; only bit 0 (scaler), bit 1 (metadata), bit 2 (feature names) and bit 3 (class labels) are defined.");
        }

        int n = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (n < 0)
        {
            ThrowInvalid($"The feature count {n} is negative.");
        }

        return new ModelFileHeader(
            version,
            (ModelElementType)type,
            n,
            HasScaler: (flags & ModelFileFormat.ScalerFlag) != 0,
            HasMetadata: (flags & ModelFileFormat.MetadataFlag) != 0,
            HasFeatureNames: (flags & ModelFileFormat.FeatureNamesFlag) != 0,
            HasClassLabels: (flags & ModelFileFormat.ClassLabelsFlag) != 0);
    }

    /// <summary>
    /// Reads the whole file (header included), checking each length against the stream before it reads or
    /// allocates for it, and verifies the checksum. A version-2 file gives the size of its names section
    /// after the metadata, so its length is known, and checked, once that field is read.
    /// </summary>
    private static byte[] ReadVerified(Stream source, ModelFileHeader header, byte[] headerBytes)
    {
        long available = source.CanSeek ? ModelFileFormat.HeaderSize + (source.Length - source.Position) : -1;
        long length = header.FileLength;
        string claim = $"The header claims {header.FeatureCount} features{(header.HasScaler ? " with a scaler" : string.Empty)}{(header.HasMetadata ? " and metadata" : string.Empty)}, {(header.FormatVersion == ModelFileFormat.FirstVersion ? string.Empty : "at least ")}{length} bytes in all";
        CheckLength(available, length, exact: header.FormatVersion == ModelFileFormat.FirstVersion, claim);

        // Grow the buffer only as bytes arrive, so a false length in a non-seekable stream costs at most twice what was read.
        byte[] file = new byte[source.CanSeek ? length : Math.Min(length, ChunkSize)];
        headerBytes.CopyTo(file, 0);
        int filled = ModelFileFormat.HeaderSize;
        if (header.FormatVersion != ModelFileFormat.FirstVersion)
        {
            Fill(source, ref file, ref filled, header.LengthBeforeNames, claim);
            int namesSize = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan((int)header.LengthBeforeNames - ModelFileFormat.NamesSizeFieldSize));
            if (namesSize < 0)
            {
                ThrowInvalid($"The names section size {namesSize} is negative.");
            }

            length += namesSize;
            claim = $"The header claims {header.FeatureCount} features{(header.HasScaler ? " with a scaler" : string.Empty)}{(header.HasMetadata ? " and metadata" : string.Empty)} and a names section of {namesSize} bytes, {length} bytes in all";
            CheckLength(available, length, exact: true, claim);
        }

        Fill(source, ref file, ref filled, length, claim);
        if (!source.CanSeek && source.ReadByte() >= 0)
        {
            ThrowInvalid($"Trailing data follows the model: {claim}, but the stream holds more.");
        }

        int body = file.Length - ModelFileFormat.ChecksumSize;
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(body));
        ulong computed = XxHash64.HashToUInt64(file.AsSpan(0, body));
        if (stored != computed)
        {
            ThrowInvalid($"The model is corrupt: its checksum is 0x{stored:X16}, but its contents hash to 0x{computed:X16}.");
        }

        return file;
    }

    /// <summary>Checks a claimed file length against the stream's (when it is known) and against the largest array.</summary>
    private static void CheckLength(long available, long length, bool exact, string claim)
    {
        if (available >= 0 && available < length)
        {
            ThrowInvalid($"The model is truncated or its feature count is wrong: {claim}, but the stream holds {available}.");
        }

        if (available >= 0 && exact && available > length)
        {
            ThrowInvalid($"{available - length} bytes of trailing data follow the model: {claim}, but the stream holds {available}.");
        }

        if (length > Array.MaxLength)
        {
            ThrowInvalid($"{claim}, more than one model file can hold ({Array.MaxLength}).");
        }
    }

    /// <summary>Reads until <paramref name="file"/> holds <paramref name="target"/> bytes, growing it at most to <paramref name="target"/>.</summary>
    private static void Fill(Stream source, ref byte[] file, ref int filled, long target, string claim)
    {
        while (filled < target)
        {
            if (filled == file.Length)
            {
                Array.Resize(ref file, (int)(source.CanSeek ? target : Math.Min(target, 2L * file.Length)));
            }

            int read = source.Read(file, filled, (int)Math.Min(file.Length, target) - filled);
            if (read == 0)
            {
                ThrowInvalid($"The model is truncated or its feature count is wrong: {claim}, but the stream ends after {filled}.");
            }

            filled += read;
        }
    }

    private static LogisticRegressionModel<T> Parse<T>(ModelFileHeader header, byte[] file)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = header.FeatureCount;
        int offset = ModelFileFormat.HeaderSize;
        T[] weights = ReadValues<T>(file, ref offset, n);
        T bias = ReadValues<T>(file, ref offset, 1)[0];
        CheckFinite<T>(weights, "weight");
        CheckFinite(new ReadOnlySpan<T>(in bias), "bias");
        StandardScaler<T>? scaler = null;
        if (header.HasScaler)
        {
            T[] means = ReadValues<T>(file, ref offset, n);
            T[] scales = ReadValues<T>(file, ref offset, n);
            CheckFinite<T>(means, "scaler mean");
            for (int j = 0; j < n; j++)
            {
                if (!T.IsFinite(scales[j]) || scales[j] <= T.Zero)
                {
                    ThrowInvalid($"Invalid model: scaler scale [{j}] is {scales[j]}; scales must be finite and > 0.");
                }
            }

            scaler = StandardScaler<T>.Create(means, scales);
        }

        TrainingMetadata? metadata = null;
        if (header.HasMetadata)
        {
            metadata = ReadMetadata(file.AsSpan(offset, ModelFileFormat.MetadataSize));
            offset += ModelFileFormat.MetadataSize;
        }

        string[]? featureNames = null;
        ClassLabels? classLabels = null;
        if (header.FormatVersion != ModelFileFormat.FirstVersion)
        {
            offset += ModelFileFormat.NamesSizeFieldSize;
            var names = new NamesReader(file.AsSpan(offset, file.Length - ModelFileFormat.ChecksumSize - offset));
            if (header.HasFeatureNames)
            {
                // n is checked: the file holds n weights, so at most one name per weight's bytes.
                featureNames = new string[n];
                for (int j = 0; j < n; j++)
                {
                    featureNames[j] = names.Read($"feature name [{j}]");
                }
            }

            if (header.HasClassLabels)
            {
                string negative = names.Read("negative class label");
                string positive = names.Read("positive class label");
                if (negative.Length == 0 || positive.Length == 0 || negative == positive)
                {
                    ThrowInvalid($"Invalid model: the class labels '{negative}' and '{positive}' must be two different non-empty strings.");
                }

                classLabels = new ClassLabels(negative, positive);
            }

            names.CheckEnd();
        }

        return new LogisticRegressionModel<T>(weights, bias, scaler, metadata, featureNames, classLabels);
    }

    /// <summary>Reads the length-prefixed UTF-8 strings of the names section, checking each length against the bytes left.</summary>
    private ref struct NamesReader(ReadOnlySpan<byte> section)
    {
        private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private readonly ReadOnlySpan<byte> _section = section;
        private int _position;

        public string Read(string what)
        {
            int left = _section.Length - _position;
            if (left < sizeof(int))
            {
                ThrowInvalid($"Invalid model: the names section ends before the length of the {what} ({left} bytes left).");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(_section[_position..]);
            _position += sizeof(int);
            left -= sizeof(int);
            if (length < 0 || length > left)
            {
                ThrowInvalid($"Invalid model: the {what} claims {length} bytes, but {left} are left in the names section.");
            }

            try
            {
                string text = s_strictUtf8.GetString(_section.Slice(_position, length));
                _position += length;
                return text;
            }
            catch (DecoderFallbackException)
            {
                return ThrowInvalid<string>($"Invalid model: the {what} is not valid UTF-8.");
            }
        }

        public readonly void CheckEnd()
        {
            if (_position != _section.Length)
            {
                ThrowInvalid($"Invalid model: {_section.Length - _position} bytes in the names section follow the last name.");
            }
        }
    }

    private static T[] ReadValues<T>(byte[] file, ref int offset, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new T[count];
        ReadOnlySpan<byte> bytes = file.AsSpan(offset, count * Unsafe.SizeOf<T>());
        for (int j = 0; j < count; j++)
        {
            values[j] = typeof(T) == typeof(float)
                ? Unsafe.BitCast<float, T>(BinaryPrimitives.ReadSingleLittleEndian(bytes[(j * sizeof(float))..]))
                : Unsafe.BitCast<double, T>(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(j * sizeof(double))..]));
        }

        offset += bytes.Length;
        return values;
    }

    private static void CheckFinite<T>(ReadOnlySpan<T> values, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < values.Length; j++)
        {
            if (!T.IsFinite(values[j]))
            {
                ThrowInvalid(values.Length == 1 && what == "bias"
                    ? $"Invalid model: the bias is {values[j]}; it must be finite."
                    : $"Invalid model: {what} [{j}] is {values[j]}; it must be finite.");
            }
        }
    }

    private static void WriteMetadata(Span<byte> b, TrainingMetadata m)
    {
        b[0] = (byte)m.Solver;
        BinaryPrimitives.WriteInt32LittleEndian(b[1..], m.Iterations);
        BinaryPrimitives.WriteDoubleLittleEndian(b[5..], m.Objective);
        BinaryPrimitives.WriteDoubleLittleEndian(b[13..], m.GradientNorm);
        b[21] = (byte)m.Reason;
        BinaryPrimitives.WriteDoubleLittleEndian(b[22..], m.Lambda);
        b[30] = m.C.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteDoubleLittleEndian(b[31..], m.C ?? 0);
        b[39] = (byte)m.ClassWeight.Mode;
        BinaryPrimitives.WriteDoubleLittleEndian(b[40..], m.ClassWeight.Negative);
        BinaryPrimitives.WriteDoubleLittleEndian(b[48..], m.ClassWeight.Positive);
        b[56] = m.Standardized ? (byte)1 : (byte)0;
        b[57] = m.FitIntercept ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteDoubleLittleEndian(b[58..], m.Tolerance);
        BinaryPrimitives.WriteInt32LittleEndian(b[66..], m.MaxIterations);
        BinaryPrimitives.WriteInt32LittleEndian(b[70..], m.TrainingRows);
    }

    private static TrainingMetadata ReadMetadata(ReadOnlySpan<byte> b)
    {
        var solver = ReadEnum<Solver>(b[0], "solver");
        var reason = ReadEnum<ConvergenceReason>(b[21], "convergence reason");
        bool hasC = ReadBool(b[30], "has-C flag");
        double c = BinaryPrimitives.ReadDoubleLittleEndian(b[31..]);
        if (!hasC && BitConverter.DoubleToInt64Bits(c) != 0)
        {
            ThrowInvalid($"Invalid metadata: C is absent, but its slot holds {c:R} instead of 0.");
        }

        var mode = ReadEnum<ClassWeightMode>(b[39], "class weight mode");
        double negative = BinaryPrimitives.ReadDoubleLittleEndian(b[40..]);
        double positive = BinaryPrimitives.ReadDoubleLittleEndian(b[48..]);
        ClassWeight classWeight = ModelFileFormat.ToClassWeight(mode, negative, positive)
            ?? ThrowInvalid<ClassWeight>($"Invalid metadata: class weights {negative:R} and {positive:R} do not fit mode {mode}.");
        var metadata = new TrainingMetadata(
            solver,
            BinaryPrimitives.ReadInt32LittleEndian(b[1..]),
            BinaryPrimitives.ReadDoubleLittleEndian(b[5..]),
            BinaryPrimitives.ReadDoubleLittleEndian(b[13..]),
            reason,
            BinaryPrimitives.ReadDoubleLittleEndian(b[22..]),
            hasC ? c : null,
            classWeight,
            ReadBool(b[56], "standardized flag"),
            ReadBool(b[57], "fit-intercept flag"),
            BinaryPrimitives.ReadDoubleLittleEndian(b[58..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[66..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[70..]));
        if (MetadataRules.FindViolation(metadata) is var (field, value, rule))
        {
            ThrowInvalid($"Invalid metadata: {field} is {value}; it must be {rule}.");
        }

        return metadata;
    }

    private static TEnum ReadEnum<TEnum>(byte code, string what)
        where TEnum : struct, Enum
    {
        var value = (TEnum)Enum.ToObject(typeof(TEnum), code);
        if (!Enum.IsDefined(value))
        {
            ThrowInvalid($"Invalid metadata: unknown {what} code {code}.");
        }

        return value;
    }

    private static bool ReadBool(byte value, string what) => value switch
    {
        0 => false,
        1 => true,
        _ => ThrowInvalid<bool>($"Invalid metadata: the {what} is {value}; it must be 0 or 1."),
    };

    private static void CheckDefined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            ThrowHelper.ThrowArgument("model", $"'model.Metadata.{name}':{value} is not a defined value.");
        }
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '?';
        }

        return new string(chars);
    }

    [DoesNotReturn]
    private static void ThrowInvalid(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    private static TResult ThrowInvalid<TResult>(string message) => throw new InvalidDataException(message);

    /// <summary>Writes through a small buffer and hashes every byte it writes, then appends the hash.</summary>
    private sealed class HashingWriter(Stream destination)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private readonly XxHash64 _hash = new();
        private int _count;

        public Span<byte> GetSpan(int size)
        {
            if (_buffer.Length - _count < size)
            {
                FlushBuffer();
            }

            return _buffer.AsSpan(_count, size);
        }

        public void Advance(int size) => _count += size;

        public void WriteValues<T>(ReadOnlySpan<T> values)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            foreach (T value in values)
            {
                if (typeof(T) == typeof(float))
                {
                    BinaryPrimitives.WriteSingleLittleEndian(GetSpan(sizeof(float)), Unsafe.BitCast<T, float>(value));
                    Advance(sizeof(float));
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(sizeof(double)), Unsafe.BitCast<T, double>(value));
                    Advance(sizeof(double));
                }
            }
        }

        public void WriteInt32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(GetSpan(sizeof(int)), value);
            Advance(sizeof(int));
        }

        public void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                int size = Math.Min(bytes.Length, _buffer.Length);
                bytes[..size].CopyTo(GetSpan(size));
                Advance(size);
                bytes = bytes[size..];
            }
        }

        public void Finish()
        {
            FlushBuffer();
            Span<byte> checksum = stackalloc byte[ModelFileFormat.ChecksumSize];
            BinaryPrimitives.WriteUInt64LittleEndian(checksum, _hash.GetCurrentHashAsUInt64());
            destination.Write(checksum);
        }

        private void FlushBuffer()
        {
            _hash.Append(_buffer.AsSpan(0, _count));
            destination.Write(_buffer, 0, _count);
            _count = 0;
        }
    }
}
