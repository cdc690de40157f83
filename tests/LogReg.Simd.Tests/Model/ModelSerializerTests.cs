using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

public sealed class ModelSerializerFloatTests : ModelSerializerTests<float>
{
    protected override ModelElementType ElementType => ModelElementType.Float32;

    protected override ModelElementType OtherType => ModelElementType.Float64;
}

public sealed class ModelSerializerDoubleTests : ModelSerializerTests<double>
{
    protected override ModelElementType ElementType => ModelElementType.Float64;

    protected override ModelElementType OtherType => ModelElementType.Float32;
}

/// <summary>The binary format: bit-exact round trips, atomic file saves, and an <see cref="InvalidDataException"/> for every defect.</summary>
public abstract class ModelSerializerTests<T> : IDisposable
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("logreg-persist-").FullName;

    protected abstract ModelElementType ElementType { get; }

    protected abstract ModelElementType OtherType { get; }

    private static int E => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    // Feature names and class labels are in by default, so every defect test also runs over the names section.
    private static LogisticRegressionModel<T> Sample(int n = 5, bool withScaler = true, bool withMetadata = true, int seed = 42, bool withNames = true)
    {
        LogisticRegressionModel<T> model = RandomModel<T>(new Random(seed), n, withScaler, withMetadata);
        return withNames ? WithNames(model) : model;
    }

    private static byte[] SaveToBytes(LogisticRegressionModel<T> model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    private static LogisticRegressionModel<T> LoadBytes(byte[] bytes, bool seekable = true)
    {
        using var memory = new MemoryStream(bytes, writable: false);
        using Stream stream = seekable ? memory : new NonSeekableStream(memory);
        return ModelSerializer.Load<T>(stream);
    }

    private static void Reseal(byte[] file)
    {
        int body = file.Length - 8;
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(body), XxHash64.HashToUInt64(file.AsSpan(0, body)));
    }

    private static InvalidDataException AssertInvalid(byte[] bytes, bool seekable = true) =>
        Assert.Throws<InvalidDataException>(() => LoadBytes(bytes, seekable));

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void RoundTrip_ThroughStream_IsBitExact(bool withScaler, bool withMetadata, bool seekable)
    {
        foreach (int n in new[] { 0, 1, 7, 64 })
        {
            LogisticRegressionModel<T> model = Sample(n, withScaler, withMetadata, seed: n);
            LogisticRegressionModel<T> loaded = LoadBytes(SaveToBytes(model), seekable);
            AssertModelsBitEqual(model, loaded);
        }
    }

    [Fact]
    public void RoundTrip_KeepsExtremeValuesAndEveryMetadataShape()
    {
        T max = E == 4 ? T.CreateTruncating(float.MaxValue) : T.CreateTruncating(double.MaxValue);
        T[] weights = [T.Epsilon, -T.Epsilon, max, -max, T.NegativeZero, T.Zero, T.CreateTruncating(0.1), T.One / T.CreateTruncating(3)];
        var scaler = Simd.Data.StandardScaler<T>.Create(
            [T.Zero, T.NegativeZero, max, -max, T.Epsilon, T.One, T.CreateTruncating(-0.3), T.CreateTruncating(1e6)],
            [T.Epsilon, max, T.One, T.CreateTruncating(0.7), T.CreateTruncating(1e-30), T.CreateTruncating(2), T.CreateTruncating(3), T.CreateTruncating(4)]);
        ClassWeight[] classWeights = [ClassWeight.None, ClassWeight.Balanced, ClassWeight.Explicit(0.25, 4), default];
        foreach (ClassWeight classWeight in classWeights)
        {
            // The extremes of each metadata range (loading refuses values outside them).
            var metadata = new TrainingMetadata(Solver.MiniBatchSgd, int.MaxValue, double.MaxValue, double.Epsilon, ConvergenceReason.LineSearchFailed, -0.0, double.Epsilon, classWeight, true, false, 1e-300, 1, int.MaxValue);
            // Extreme weights without a scaler, and an extreme scaler under weights that fold to finite raw coefficients
            // (the model rejects weights whose folding overflows).
            var model = new LogisticRegressionModel<T>(weights, T.NegativeZero, null, metadata);
            AssertModelsBitEqual(model, LoadBytes(SaveToBytes(model)));
            var scaled = new LogisticRegressionModel<T>(FoldableWeights(weights.Length), T.NegativeZero, scaler, metadata);
            AssertModelsBitEqual(scaled, LoadBytes(SaveToBytes(scaled)));
        }
    }

    // Zero where a scale is tiny or a mean is huge, ordinary values elsewhere: w / scale and w * mean stay finite.
    private static T[] FoldableWeights(int n)
    {
        var w = new T[n];
        w[1] = T.NegativeZero;
        w[4] = T.Epsilon;
        w[5] = T.CreateTruncating(0.1);
        w[6] = T.One / T.CreateTruncating(3);
        w[7] = T.CreateTruncating(-1e-3);
        return w;
    }

    [Fact]
    public void SavedLayout_MatchesTheDocumentedOffsets()
    {
        LogisticRegressionModel<T> model = Sample(n: 3, withNames: false);
        byte[] file = SaveToBytes(model);
        Assert.Equal(12 + (4 * E) + (6 * E) + 74 + 4 + 8, file.Length);
        Assert.Equal("LRSM"u8.ToArray(), file[..4]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal((byte)ElementType, file[6]);
        Assert.Equal(3, file[7]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)));
        AssertBitsEqual<T>([model.Weights[1]], [ReadValue(file, 12 + E)], "weight 1");
        AssertBitsEqual<T>([model.Bias], [ReadValue(file, 12 + (3 * E))], "bias");
        AssertBitsEqual<T>([model.Scaler!.Scales[2]], [ReadValue(file, 12 + (9 * E))], "scale 2");
        int meta = 12 + (10 * E);
        TrainingMetadata m = model.Metadata!;
        Assert.Equal((byte)m.Solver, file[meta]);
        Assert.Equal(m.Iterations, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(meta + 1)));
        Assert.Equal(m.Lambda, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(meta + 22)));
        Assert.Equal(m.TrainingRows, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(meta + 70)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(meta + 74)));
        Assert.Equal(XxHash64.HashToUInt64(file.AsSpan(0, file.Length - 8)), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - 8)));

        static T ReadValue(byte[] file, int offset) => E == 4
            ? T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(offset)))
            : T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(offset)));
    }

    [Fact]
    public void FileHelpers_RoundTrip_AndLoadAnyAndReadHeaderReportTheType()
    {
        string path = Path.Combine(_folder, "model.lrsm");
        LogisticRegressionModel<T> model = Sample(n: 9, withNames: false);
        ModelSerializer.Save(model, path);
        AssertModelsBitEqual(model, ModelSerializer.Load<T>(path));
        Assert.IsType<LogisticRegressionModel<T>>(ModelSerializer.LoadAny(path));
        using (var stream = new MemoryStream(File.ReadAllBytes(path)))
        {
            AssertModelsBitEqual(model, Assert.IsType<LogisticRegressionModel<T>>(ModelSerializer.LoadAny(stream)));
        }

        ModelFileHeader header = ModelSerializer.ReadHeader(path);
        Assert.Equal(new ModelFileHeader(2, ElementType, 9, HasScaler: true, HasMetadata: true), header);
        Assert.Equal(typeof(T), header.ClrType);
        Assert.Equal(new FileInfo(path).Length, header.FileLength);
        Assert.Equal(["model.lrsm"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_ReplacesAnExistingFile_AndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "model.lrsm");
        ModelSerializer.Save(Sample(seed: 1), path);
        LogisticRegressionModel<T> second = Sample(n: 11, withScaler: false, seed: 2);
        ModelSerializer.Save(second, path);
        AssertModelsBitEqual(second, ModelSerializer.Load<T>(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Save_FailingMidWrite_KeepsThePreviousFile_AndRemovesItsTemporaryFile()
    {
        string path = Path.Combine(_folder, "model.lrsm");
        LogisticRegressionModel<T> previous = Sample(seed: 1);
        ModelSerializer.Save(previous, path);
        byte[] before = File.ReadAllBytes(path);
        LogisticRegressionModel<T> next = Sample(n: 40, seed: 2);
        int length = SaveToBytes(next).Length;
        foreach (int failAfter in new[] { 0, 1, 11, 12, length / 2, length - 9, length - 1 })
        {
            var error = Assert.Throws<IOException>(() => ModelSerializer.Save(next, path, file => new FailingStream(file, failAfter)));
            Assert.Contains("Simulated failure", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(_folder));
        }

        AssertModelsBitEqual(previous, ModelSerializer.Load<T>(path));
    }

    [Fact]
    public void Save_Failing_NamesTheTargetPath_NeverTheTemporaryFile()
    {
        string inMissingFolder = Path.Combine(_folder, "missing", "model.lrsm");
        string path = Path.Combine(_folder, "model.lrsm");

        var missing = Assert.Throws<IOException>(() => ModelSerializer.Save(Sample(), inMissingFolder));
        var failing = Assert.Throws<IOException>(() => ModelSerializer.Save(Sample(), path, file => throw new IOException($"No space left on device : '{((FileStream)file).Name}'")));

        foreach (var error in new[] { missing, failing })
        {
            Assert.DoesNotContain(".tmp", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("Cannot save the model to '", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(inMissingFolder, missing.Message, StringComparison.Ordinal);
        Assert.Equal($"Cannot save the model to '{path}': No space left on device : '{path}'", failing.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Save_FailingMidWrite_ToANewPath_CreatesNothing()
    {
        string path = Path.Combine(_folder, "new.lrsm");
        Assert.Throws<IOException>(() => ModelSerializer.Save(Sample(), path, file => new FailingStream(file, 20)));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForTruncationAtEveryByte()
    {
        foreach (bool withMetadata in new[] { true, false })
        {
            byte[] file = SaveToBytes(Sample(n: 6, withScaler: true, withMetadata: withMetadata));
            for (int length = 0; length < file.Length; length++)
            {
                byte[] truncated = file[..length];
                Assert.Contains("truncated", AssertInvalid(truncated, seekable: true).Message, StringComparison.Ordinal);
                Assert.Contains("truncated", AssertInvalid(truncated, seekable: false).Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForEverySingleBitFlip()
    {
        byte[] file = SaveToBytes(Sample(n: 5));
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            AssertInvalid(flipped, seekable: bit % 2 == 0);
        }
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAFlipInsideTheChecksum()
    {
        byte[] file = SaveToBytes(Sample());
        file[^3] ^= 0x10;
        InvalidDataException error = AssertInvalid(file);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAChecksumMismatchInTheWeights()
    {
        byte[] file = SaveToBytes(Sample());
        file[12 + E] ^= 0x01;
        Assert.Matches("corrupt: its checksum is 0x[0-9A-F]{16}, but its contents hash to 0x[0-9A-F]{16}", AssertInvalid(file).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAWrongMagicNumber()
    {
        byte[] file = SaveToBytes(Sample());
        file[0] = (byte)'X';
        Assert.Equal("Not a LogReg.Simd model: the magic number is 0x4D535258 ('XRSM'), not 'LRSM'.", AssertInvalid(file).Message);
        Assert.Equal("Not a LogReg.Simd model: the magic number is 0x4D535258 ('XRSM'), not 'LRSM'.", AssertInvalid(file[..6]).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAnUnsupportedVersion()
    {
        byte[] file = SaveToBytes(Sample());
        file[4] = 3;
        Reseal(file);
        Assert.Equal("Unsupported model format version 3; this library reads versions 1 and 2.", AssertInvalid(file).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForTheOtherElementType_NamingBoth()
    {
        byte[] file = SaveToBytes(Sample());
        file[6] = (byte)OtherType;
        Reseal(file);
        string message = AssertInvalid(file).Message;
        Assert.Contains($"holds {(OtherType == ModelElementType.Float32 ? "float32" : "float64")}", message, StringComparison.Ordinal);
        Assert.Contains($"but {(ElementType == ModelElementType.Float32 ? "float32" : "float64")}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForTheOtherElementTypeOfARealFile()
    {
        string path = Path.Combine(_folder, "model.lrsm");
        if (typeof(T) == typeof(float))
        {
            ModelSerializer.Save(RandomModel<double>(new Random(1), 3, true, true), path);
            Assert.Equal(
                "The model holds float64 (double) values, but float32 (float) was asked for; load it as double or with LoadAny.",
                Assert.Throws<InvalidDataException>(() => ModelSerializer.Load<float>(path)).Message);
        }
        else
        {
            ModelSerializer.Save(RandomModel<float>(new Random(1), 3, true, true), path);
            Assert.Equal(
                "The model holds float32 (float) values, but float64 (double) was asked for; load it as float or with LoadAny.",
                Assert.Throws<InvalidDataException>(() => ModelSerializer.Load<double>(path)).Message);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void Load_ThrowsInvalidData_ForAnUnknownElementTypeCode(byte code)
    {
        byte[] file = SaveToBytes(Sample());
        file[6] = code;
        Reseal(file);
        Assert.Equal($"Unknown element type code {code}; expected 1 (float32) or 2 (float64).", AssertInvalid(file).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForUnknownFlags()
    {
        byte[] file = SaveToBytes(Sample());
        file[7] |= 0x80;
        Reseal(file);
        Assert.Equal("Unknown flags 0x8F; only bit 0 (scaler), bit 1 (metadata), bit 2 (feature names) and bit 3 (class labels) are defined.", AssertInvalid(file).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForANegativeFeatureCount()
    {
        byte[] file = SaveToBytes(Sample());
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), -5);
        Assert.Equal("The feature count -5 is negative.", AssertInvalid(file).Message);
    }

    [Theory]
    [InlineData(true, 1 << 30, "but the stream holds 100.")]
    [InlineData(false, 1 << 30, "more than one model file can hold")]
    [InlineData(true, 1 << 26, "but the stream holds 100.")]
    [InlineData(false, 1 << 26, "but the stream ends after 100.")]
    public void Load_ThrowsInvalidData_WithoutAllocating_ForAFeatureCountTheStreamCannotHold(bool seekable, int featureCount, string tail)
    {
        byte[] file = new byte[100];
        SaveToBytes(Sample(n: 1, withScaler: false, withMetadata: false)).AsSpan(0, 12).CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), featureCount);
        using var memory = new MemoryStream(file, writable: false);
        using Stream stream = seekable ? memory : new NonSeekableStream(memory);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load<T>(stream));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long claimed = 12 + ((featureCount + 1L) * E) + 4 + 8;
        Assert.Contains($"The header claims {featureCount} features, at least {claimed} bytes in all", error.Message, StringComparison.Ordinal);
        Assert.Contains(tail, error.Message, StringComparison.Ordinal);

        // Not the claimed megabytes: the seekable path allocates nothing large; the other grows a buffer only as bytes arrive (64 KiB first).
        Assert.True(allocated < 100_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAFeatureCountBeyondAnyArray()
    {
        byte[] file = SaveToBytes(Sample(n: 1, withScaler: true, withMetadata: false));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), int.MaxValue);
        using var stream = new NonSeekableStream(new MemoryStream(file));
        var error = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load<T>(stream));
        Assert.Contains("more than one model file can hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForTrailingData()
    {
        byte[] file = [.. SaveToBytes(Sample()), 0];
        Assert.StartsWith("1 bytes of trailing data follow the model", AssertInvalid(file, seekable: true).Message, StringComparison.Ordinal);
        Assert.StartsWith("Trailing data follows the model", AssertInvalid(file, seekable: false).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForANonFiniteWeightOrBias_EvenWithAValidChecksum()
    {
        LogisticRegressionModel<T> model = Sample(n: 4);
        foreach ((int index, T value, string message) in new[]
        {
            (2, T.NaN, "Invalid model: weight [2] is NaN; it must be finite."),
            (0, T.PositiveInfinity, "Invalid model: weight [0] is ∞; it must be finite."),
            (4, T.NegativeInfinity, "Invalid model: the bias is -∞; it must be finite."),
        })
        {
            byte[] file = SaveToBytes(model);
            WriteValue(file, 12 + (index * E), value);
            Reseal(file);
            Assert.Equal(message, AssertInvalid(file).Message.Replace("Infinity", "∞", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForAScaleThatIsNotPositive_OrAMeanThatIsNotFinite()
    {
        LogisticRegressionModel<T> model = Sample(n: 4);
        byte[] file = SaveToBytes(model);
        WriteValue(file, 12 + (5 * E) + (4 * E) + E, T.Zero);
        Reseal(file);
        Assert.Equal("Invalid model: scaler scale [1] is 0; scales must be finite and > 0.", AssertInvalid(file).Message);
        file = SaveToBytes(model);
        WriteValue(file, 12 + (5 * E) + (3 * E), T.NaN);
        Reseal(file);
        Assert.Equal("Invalid model: scaler mean [3] is NaN; it must be finite.", AssertInvalid(file).Message);
    }

    [Theory]
    [InlineData(0, 5, "Invalid metadata: unknown solver code 5.")]
    [InlineData(0, 4, "Invalid metadata: solver is Auto; it must be the solver that ran (Auto is resolved before training).")]
    [InlineData(21, 4, "Invalid metadata: unknown convergence reason code 4.")]
    [InlineData(39, 9, "Invalid metadata: unknown class weight mode code 9.")]
    [InlineData(30, 2, "Invalid metadata: the has-C flag is 2; it must be 0 or 1.")]
    [InlineData(56, 7, "Invalid metadata: the standardized flag is 7; it must be 0 or 1.")]
    [InlineData(57, 255, "Invalid metadata: the fit-intercept flag is 255; it must be 0 or 1.")]
    public void Load_ThrowsInvalidData_ForAnInvalidMetadataCode(int offset, byte value, string message)
    {
        byte[] file = SaveToBytes(Sample(n: 2, withScaler: false));
        file[12 + (3 * E) + offset] = value;
        Reseal(file);
        Assert.Equal(message, AssertInvalid(file).Message);
    }

    [Fact]
    public void Load_ThrowsInvalidData_ForClassWeightsThatDoNotFitTheirMode()
    {
        var metadata = new TrainingMetadata(Solver.Lbfgs, 1, 0, 0, ConvergenceReason.ToleranceReached, 0, null, ClassWeight.Balanced, true, true, 1e-4, 100, 10);
        byte[] file = SaveToBytes(new LogisticRegressionModel<T>(Of<T>(1, 2), T.One, null, metadata));
        BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(12 + (3 * E) + 40), 2.0);
        Reseal(file);
        Assert.Equal("Invalid metadata: class weights 2 and NaN do not fit mode Balanced.", AssertInvalid(file).Message);
    }

    [Fact]
    public void Save_Throws_ForAnUndefinedMetadataEnum()
    {
        var metadata = new TrainingMetadata((Solver)77, 1, 0, 0, ConvergenceReason.ToleranceReached, 0, null, ClassWeight.None, true, true, 1e-4, 100, 10);
        var model = new LogisticRegressionModel<T>(Of<T>(1), T.One, null, metadata);
        var error = Assert.Throws<ArgumentException>(() => ModelSerializer.Save(model, new MemoryStream()));
        Assert.StartsWith("'model.Metadata.Solver':77 is not a defined value.", error.Message, StringComparison.Ordinal);
    }

    private static void WriteValue(byte[] file, int offset, T value)
    {
        if (E == 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(offset), float.CreateTruncating(value));
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(offset), double.CreateTruncating(value));
        }
    }
}
