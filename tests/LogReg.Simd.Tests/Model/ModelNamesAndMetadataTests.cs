using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

public sealed class ModelNamesAndMetadataFloatTests : ModelNamesAndMetadataTests<float>;

public sealed class ModelNamesAndMetadataDoubleTests : ModelNamesAndMetadataTests<double>;

/// <summary>
/// Format version 2: feature names and class labels in the binary file and the JSON, version-1 files still
/// loading, hostile string lengths refused before any allocation, and metadata out of range refused on load.
/// </summary>
public abstract class ModelNamesAndMetadataTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly TrainingMetadata s_metadata =
        new(Solver.Lbfgs, 12, 0.25, 1e-5, ConvergenceReason.ToleranceReached, 0.001, 1.0, ClassWeight.None, false, true, 1e-4, 100, 569);

    private static int E => Unsafe.SizeOf<T>();

    private static byte ElementCode => typeof(T) == typeof(float) ? (byte)1 : (byte)2;

    private static LogisticRegressionModel<T> Named(int n = 3, TrainingMetadata? metadata = null) =>
        new(RandomValues<T>(new Random(n), n), T.CreateTruncating(0.25), null, metadata, [.. Enumerable.Range(0, n).Select(j => $"f{j}")], new ClassLabels("no", "yes"));

    private static byte[] Save(LogisticRegressionModel<T> model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    private static LogisticRegressionModel<T> Load(byte[] file, bool seekable = true)
    {
        using var memory = new MemoryStream(file, writable: false);
        using Stream stream = seekable ? memory : new NonSeekableStream(memory);
        return ModelSerializer.Load<T>(stream);
    }

    private static string Invalid(byte[] file, bool seekable = true) => Assert.Throws<InvalidDataException>(() => Load(file, seekable)).Message;

    private static void Reseal(byte[] file) =>
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(file.Length - 8), XxHash64.HashToUInt64(file.AsSpan(0, file.Length - 8)));

    /// <summary>Where the names section starts in a file of a model with n features, no scaler and no metadata.</summary>
    private static int NamesStart(int n) => 12 + ((n + 1) * E) + 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Binary_RoundTrip_KeepsFeatureNamesAndClassLabels(bool seekable)
    {
        LogisticRegressionModel<T> model = WithNames(RandomModel<T>(new Random(3), 9, withScaler: true, withMetadata: true));

        LogisticRegressionModel<T> loaded = Load(Save(model), seekable);

        AssertModelsBitEqual(model, loaded);
        Assert.Equal("größe 1 名前", loaded.FeatureNames![1]);
        Assert.Equal(string.Empty, loaded.FeatureNames[2]);
        Assert.Equal(new ClassLabels("no", "yes ✓"), loaded.ClassLabels);
    }

    [Fact]
    public void Binary_RoundTrip_KeepsNamesWithoutLabels_AndLabelsWithoutNames()
    {
        var namesOnly = new LogisticRegressionModel<T>(Of<T>(1, 2), T.One, featureNames: ["a", "b"]);
        var labelsOnly = new LogisticRegressionModel<T>(Of<T>(1, 2), T.One, classLabels: new ClassLabels("-1", "+1"));

        AssertModelsBitEqual(namesOnly, Load(Save(namesOnly)));
        AssertModelsBitEqual(labelsOnly, Load(Save(labelsOnly)));
        Assert.Null(Load(Save(namesOnly)).ClassLabels);
        Assert.Null(Load(Save(labelsOnly)).FeatureNames);
    }

    [Fact]
    public void Binary_SavedNamesSection_MatchesTheDocumentedLayout()
    {
        byte[] file = Save(Named(n: 2));
        int start = NamesStart(2);

        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal(4 | 8, file[7]);
        Assert.Equal((4 + 2) + (4 + 2) + (4 + 2) + (4 + 3), BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(start - 4)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(start)));
        Assert.Equal("f0"u8.ToArray(), file.AsSpan(start + 4, 2).ToArray());
        Assert.Equal("yes"u8.ToArray(), file.AsSpan(file.Length - 8 - 3, 3).ToArray());
        Assert.Equal(new ModelFileHeader(2, (ModelElementType)ElementCode, 2, false, false, HasFeatureNames: true, HasClassLabels: true), ModelSerializer.ReadHeader(new MemoryStream(file)));
    }

    /// <summary>A version-1 file, built byte by byte from the version-1 layout, loads without names or labels.</summary>
    [Fact]
    public void Version1File_StillLoads_WithoutNamesOrLabels()
    {
        T[] weights = Of<T>(0.5, -1.25);
        T bias = T.CreateTruncating(0.125);
        byte[] file = Version1File(weights, bias, s_metadata);

        LogisticRegressionModel<T> model = Load(file);

        AssertModelsBitEqual(new LogisticRegressionModel<T>(weights, bias, null, s_metadata), model);
        Assert.Null(model.FeatureNames);
        Assert.Null(model.ClassLabels);
        Assert.Equal(1, ModelSerializer.ReadHeader(new MemoryStream(file)).FormatVersion);
        Assert.Equal(file.Length, ModelSerializer.ReadHeader(new MemoryStream(file)).FileLength);
    }

    [Fact]
    public void Version1File_WithANamesFlag_OrTrailingBytes_IsRefused()
    {
        byte[] file = Version1File(Of<T>(1), T.Zero, null);
        file[7] = 4;
        Reseal(file);
        Assert.Equal("Unknown flags 0x04; version 1 defines only bit 0 (scaler) and bit 1 (metadata).", Invalid(file));

        byte[] longer = [.. Version1File(Of<T>(1), T.Zero, null), 0, 0, 0, 0];
        Assert.StartsWith("4 bytes of trailing data follow the model", Invalid(longer), StringComparison.Ordinal);
    }

    [Fact]
    public void Version1File_TruncatedAtEveryByte_IsRefused()
    {
        byte[] file = Version1File(Of<T>(1, 2, 3), T.One, s_metadata);
        for (int length = 0; length < file.Length; length++)
        {
            Assert.Contains("truncated", Invalid(file[..length], seekable: length % 2 == 0), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(int.MaxValue, true)]
    [InlineData(int.MaxValue, false)]
    [InlineData(-1, true)]
    [InlineData(1000, false)]
    public void StringLength_BeyondTheNamesSection_IsRefused_BeforeAllocating(int claimed, bool seekable)
    {
        byte[] file = Save(Named(n: 3));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(NamesStart(3)), claimed);
        Reseal(file);
        long before = GC.GetAllocatedBytesForCurrentThread();

        string message = Invalid(file, seekable);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, "a claimed length was allocated");
        int left = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(NamesStart(3) - 4)) - 4;
        Assert.Equal($"Invalid model: the feature name [0] claims {claimed} bytes, but {left} are left in the names section.", message);
    }

    [Fact]
    public void NamesSectionSize_Negative_OrWrong_IsRefused()
    {
        byte[] file = Save(Named(n: 3));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(NamesStart(3) - 4), -1);
        Reseal(file);
        Assert.Equal("The names section size -1 is negative.", Invalid(file));

        file = Save(Named(n: 3));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(NamesStart(3) - 4), int.MaxValue);
        Reseal(file);
        Assert.Contains("truncated", Invalid(file, seekable: true), StringComparison.Ordinal);
        Assert.Contains("more than one model file can hold", Invalid(file, seekable: false), StringComparison.Ordinal);
    }

    [Fact]
    public void NamesSection_WithBytesAfterTheLastName_IsRefused()
    {
        byte[] saved = Save(Named(n: 1));
        int sizeAt = NamesStart(1) - 4;
        byte[] file = [.. saved.AsSpan(0, saved.Length - 8), 7, 7, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(sizeAt), BinaryPrimitives.ReadInt32LittleEndian(saved.AsSpan(sizeAt)) + 2);
        Reseal(file);

        Assert.Equal("Invalid model: 2 bytes in the names section follow the last name.", Invalid(file));
    }

    [Fact]
    public void NotUtf8_OrEqualClassLabels_IsRefused()
    {
        byte[] file = Save(Named(n: 1));
        file[NamesStart(1) + 4] = 0xFF;
        Reseal(file);
        Assert.Equal("Invalid model: the feature name [0] is not valid UTF-8.", Invalid(file));

        file = Save(Named(n: 1));
        // "yes" becomes "no": two bytes where there were three.
        file[file.Length - 8 - 3] = (byte)'n';
        file[file.Length - 8 - 2] = (byte)'o';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8 - 3 - 4), 2);
        byte[] equal = [.. file.AsSpan(0, file.Length - 8 - 1), 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(equal.AsSpan(NamesStart(1) - 4), BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(NamesStart(1) - 4)) - 1);
        Reseal(equal);
        Assert.Equal("Invalid model: the class labels 'no' and 'no' must be two different non-empty strings.", Invalid(equal));
    }

    [Theory]
    [InlineData(1, "i32", -1.0, "Invalid metadata: iterations is -1; it must be >= 0.")]
    [InlineData(5, "f64", double.NegativeInfinity, "Invalid metadata: objective is -∞; it must be >= 0 (or infinite or NaN after an overflow).")]
    [InlineData(5, "f64", -0.5, "Invalid metadata: objective is -0.5; it must be >= 0 (or infinite or NaN after an overflow).")]
    [InlineData(13, "f64", -1e-9, "Invalid metadata: gradientNorm is -1E-09; it must be >= 0 (or infinite or NaN after an overflow).")]
    [InlineData(22, "f64", -1.0, "Invalid metadata: lambda is -1; it must be finite and >= 0.")]
    [InlineData(22, "f64", double.NaN, "Invalid metadata: lambda is NaN; it must be finite and >= 0.")]
    [InlineData(31, "f64", 0.0, "Invalid metadata: c is 0; it must be finite and > 0, or absent.")]
    [InlineData(31, "f64", double.NaN, "Invalid metadata: c is NaN; it must be finite and > 0, or absent.")]
    [InlineData(58, "f64", double.NaN, "Invalid metadata: tolerance is NaN; it must be finite and >= 0.")]
    [InlineData(58, "f64", -1e-4, "Invalid metadata: tolerance is -0.0001; it must be finite and >= 0.")]
    [InlineData(66, "i32", 0.0, "Invalid metadata: maxIterations is 0; it must be >= 1.")]
    [InlineData(70, "i32", -3.0, "Invalid metadata: trainingRows is -3; it must be >= 1.")]
    public void Binary_MetadataOutOfRange_WithAValidChecksum_IsRefused_NamingTheFieldAndValue(int offset, string kind, double value, string message)
    {
        byte[] file = Save(Named(n: 2, metadata: s_metadata));
        int at = 12 + (3 * E) + offset;
        if (kind == "i32")
        {
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(at), (int)value);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(at), value);
        }

        Reseal(file);

        Assert.Equal(message, Invalid(file).Replace("Infinity", "∞", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_RoundTrip_KeepsFeatureNamesAndClassLabels()
    {
        LogisticRegressionModel<T> model = WithNames(RandomModel<T>(new Random(5), 6, withScaler: true, withMetadata: true));

        string json = ModelJson.Serialize(model);

        AssertModelsBitEqual(model, ModelJson.Deserialize<T>(json));
        JsonElement root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("feature_0", root.GetProperty("featureNames")[0].GetString());
        Assert.Equal("yes ✓", root.GetProperty("classLabels").GetProperty("positive").GetString());
        var bare = new LogisticRegressionModel<T>(Of<T>(1), T.One);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(ModelJson.Serialize(bare)).RootElement.GetProperty("featureNames").ValueKind);
        AssertModelsBitEqual(bare, ModelJson.Deserialize<T>(ModelJson.Serialize(bare)));
    }

    [Fact]
    public void Json_Version1Document_StillLoads_ButWithoutNames()
    {
        var model = new LogisticRegressionModel<T>(Of<T>(1, -2), T.One, null, s_metadata);
        string version1 = Edit(model, r =>
        {
            r["version"] = 1;
            r.Remove("featureNames");
            r.Remove("classLabels");
        });

        AssertModelsBitEqual(model, ModelJson.Deserialize<T>(version1));
        string withNames = Edit(Named(n: 2), r => r["version"] = 1);
        Assert.StartsWith("$: unknown property 'featureNames'", JsonInvalid(withNames), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BadNamesOrLabels_AreRefused_NamingThePath()
    {
        Assert.Equal("$.featureNames: has 2 values; 'featureCount' is 3.", JsonInvalid(Edit(Named(n: 3), r => r["featureNames"]!.AsArray().RemoveAt(0))));
        Assert.Equal("$.featureNames[1]: must be a string, not Number 5.", JsonInvalid(Edit(Named(n: 3), r => r["featureNames"]![1] = 5)));
        Assert.Equal("$.classLabels: 'no' and 'no' must be two different non-empty strings.", JsonInvalid(Edit(Named(), r => r["classLabels"]!["positive"] = "no")));
        Assert.Equal("$.classLabels: the required property 'positive' is missing.", JsonInvalid(Edit(Named(), r => r["classLabels"]!.AsObject().Remove("positive"))));
    }

    [Theory]
    [InlineData("iterations", -1, "$.metadata.iterations: -1 is out of range; it must be >= 0.")]
    [InlineData("lambda", -1, "$.metadata.lambda: -1 is out of range; it must be finite and >= 0.")]
    [InlineData("lambda", "NaN", "$.metadata.lambda: NaN is out of range; it must be finite and >= 0.")]
    [InlineData("objective", -1, "$.metadata.objective: -1 is out of range; it must be >= 0 (or infinite or NaN after an overflow).")]
    [InlineData("tolerance", "NaN", "$.metadata.tolerance: NaN is out of range; it must be finite and >= 0.")]
    [InlineData("maxIterations", 0, "$.metadata.maxIterations: 0 is out of range; it must be >= 1.")]
    [InlineData("trainingRows", -5, "$.metadata.trainingRows: -5 is out of range; it must be >= 1.")]
    [InlineData("c", -2, "$.metadata.c: -2 is out of range; it must be finite and > 0, or absent.")]
    public void Json_MetadataOutOfRange_IsRefused_NamingTheFieldAndValue(string field, object value, string message)
    {
        string json = Edit(Named(metadata: s_metadata), r => r["metadata"]![field] = value is string s ? JsonValue.Create(s) : JsonValue.Create((int)value));

        Assert.Equal(message, JsonInvalid(json));
    }

    private static string Edit(LogisticRegressionModel<T> model, Action<JsonObject> edit)
    {
        JsonObject root = JsonNode.Parse(ModelJson.Serialize(model))!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static string JsonInvalid(string json) => Assert.Throws<JsonException>(() => ModelJson.Deserialize<T>(json)).Message;

    /// <summary>The version-1 layout: header (version 1), weights, bias, [74 bytes of metadata], XxHash64; no names section.</summary>
    private static byte[] Version1File(T[] weights, T bias, TrainingMetadata? m)
    {
        var bytes = new List<byte>();
        Span<byte> b = stackalloc byte[8];
        bytes.AddRange("LRSM"u8.ToArray());
        bytes.AddRange([1, 0, ElementCode, m is null ? (byte)0 : (byte)2]);
        BinaryPrimitives.WriteInt32LittleEndian(b, weights.Length);
        bytes.AddRange(b[..4].ToArray());
        foreach (T value in (T[])[.. weights, bias])
        {
            if (E == 4)
            {
                BinaryPrimitives.WriteSingleLittleEndian(b, float.CreateTruncating(value));
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(b, double.CreateTruncating(value));
            }

            bytes.AddRange(b[..E].ToArray());
        }

        if (m is not null)
        {
            var meta = new byte[74];
            meta[0] = (byte)m.Solver;
            BinaryPrimitives.WriteInt32LittleEndian(meta.AsSpan(1), m.Iterations);
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(5), m.Objective);
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(13), m.GradientNorm);
            meta[21] = (byte)m.Reason;
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(22), m.Lambda);
            meta[30] = m.C.HasValue ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(31), m.C ?? 0);
            meta[39] = (byte)m.ClassWeight.Mode;
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(40), m.ClassWeight.Negative);
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(48), m.ClassWeight.Positive);
            meta[56] = m.Standardized ? (byte)1 : (byte)0;
            meta[57] = m.FitIntercept ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteDoubleLittleEndian(meta.AsSpan(58), m.Tolerance);
            BinaryPrimitives.WriteInt32LittleEndian(meta.AsSpan(66), m.MaxIterations);
            BinaryPrimitives.WriteInt32LittleEndian(meta.AsSpan(70), m.TrainingRows);
            bytes.AddRange(meta);
        }

        byte[] file = [.. bytes, 0, 0, 0, 0, 0, 0, 0, 0];
        Reseal(file);
        return file;
    }
}
