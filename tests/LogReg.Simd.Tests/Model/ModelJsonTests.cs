using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

public sealed class ModelJsonFloatTests : ModelJsonTests<float>
{
    protected override string TypeName => "float32";

    protected override string OtherTypeName => "float64";
}

public sealed class ModelJsonDoubleTests : ModelJsonTests<double>
{
    protected override string TypeName => "float64";

    protected override string OtherTypeName => "float32";
}

/// <summary>JSON export and import: exact round trips, readable field names, and a <see cref="JsonException"/> naming the path for every defect.</summary>
public abstract class ModelJsonTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    protected abstract string TypeName { get; }

    protected abstract string OtherTypeName { get; }

    private static bool IsFloat => typeof(T) == typeof(float);

    private static LogisticRegressionModel<T> Sample(int n = 4, bool withScaler = true, bool withMetadata = true, int seed = 7) =>
        RandomModel<T>(new Random(seed), n, withScaler, withMetadata);

    private static string Edit(LogisticRegressionModel<T> model, Action<JsonObject> edit)
    {
        JsonObject root = JsonNode.Parse(ModelJson.Serialize(model))!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static string Invalid(string json) => Assert.Throws<JsonException>(() => ModelJson.Deserialize<T>(json)).Message;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void RoundTrip_IsBitExact(bool withScaler, bool withMetadata)
    {
        foreach (int n in new[] { 0, 1, 5, 33 })
        {
            LogisticRegressionModel<T> model = Sample(n, withScaler, withMetadata, seed: n);
            AssertModelsBitEqual(model, ModelJson.Deserialize<T>(ModelJson.Serialize(model)));
            using var stream = new MemoryStream();
            ModelJson.Write(model, stream);
            stream.Position = 0;
            AssertModelsBitEqual(model, ModelJson.Read<T>(stream));
            stream.Position = 0;
            AssertModelsBitEqual(model, Assert.IsType<LogisticRegressionModel<T>>(ModelJson.ReadAny(stream)));
        }
    }

    [Fact]
    public void RoundTrip_KeepsExtremeValuesAndEveryMetadataShape()
    {
        T max = IsFloat ? T.CreateTruncating(float.MaxValue) : T.CreateTruncating(double.MaxValue);
        T[] weights = [T.Epsilon, -T.Epsilon, max, -max, T.NegativeZero, T.Zero, T.CreateTruncating(0.1), T.One / T.CreateTruncating(3), T.CreateTruncating(1e-40)];
        var scaler = StandardScaler<T>.Create(
            [T.Zero, T.NegativeZero, max, -max, T.Epsilon, T.One, T.CreateTruncating(-0.3), T.CreateTruncating(1e6), T.CreateTruncating(123456.789)],
            [T.Epsilon, max, T.One, T.CreateTruncating(0.7), T.CreateTruncating(1e-30), T.CreateTruncating(2), T.CreateTruncating(3), T.CreateTruncating(4), T.CreateTruncating(5)]);
        ClassWeight[] classWeights = [ClassWeight.None, ClassWeight.Balanced, ClassWeight.Explicit(0.1, 1.0 / 3), default];
        foreach (ClassWeight classWeight in classWeights)
        {
            // The extremes of each metadata range (loading refuses values outside them).
            var metadata = new TrainingMetadata(Solver.GradientDescent, int.MaxValue, double.MaxValue, double.Epsilon, ConvergenceReason.Cancelled, -0.0, double.Epsilon, classWeight, false, true, 0, 1, int.MaxValue);
            // Extreme weights without a scaler, and an extreme scaler under weights that fold to finite raw coefficients
            // (the model rejects weights whose folding overflows).
            var model = new LogisticRegressionModel<T>(weights, T.NegativeZero, null, metadata);
            AssertModelsBitEqual(model, ModelJson.Deserialize<T>(ModelJson.Serialize(model)));
            var scaled = new LogisticRegressionModel<T>(FoldableWeights(weights.Length), T.NegativeZero, scaler, metadata);
            AssertModelsBitEqual(scaled, ModelJson.Deserialize<T>(ModelJson.Serialize(scaled)));
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
    public void Serialize_WritesNamedHumanReadableFields()
    {
        var scaler = StandardScaler<T>.Create(Of<T>(1, 2), Of<T>(0.5, 4));
        var metadata = new TrainingMetadata(Solver.Lbfgs, 12, 0.25, 1e-5, ConvergenceReason.ToleranceReached, 0.001, 1.0, ClassWeight.Balanced, true, true, 1e-4, 100, 569);
        var model = new LogisticRegressionModel<T>(Of<T>(0.1, -2), T.CreateTruncating(0.5), scaler, metadata);
        string json = ModelJson.Serialize(model);
        Assert.Contains('\n', json);
        JsonElement root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal(TypeName, root.GetProperty("elementType").GetString());
        Assert.Equal(2, root.GetProperty("featureCount").GetInt32());
        Assert.Equal("0.1", root.GetProperty("weights")[0].GetRawText());
        Assert.Equal("-2", root.GetProperty("weights")[1].GetRawText());
        Assert.Equal("0.5", root.GetProperty("bias").GetRawText());
        Assert.Equal("4", root.GetProperty("scaler").GetProperty("scales")[1].GetRawText());
        JsonElement m = root.GetProperty("metadata");
        Assert.Equal("Lbfgs", m.GetProperty("solver").GetString());
        Assert.Equal("ToleranceReached", m.GetProperty("reason").GetString());
        Assert.Equal(1.0, m.GetProperty("c").GetDouble());
        Assert.Equal("Balanced", m.GetProperty("classWeight").GetProperty("mode").GetString());
        Assert.Equal("NaN", m.GetProperty("classWeight").GetProperty("negative").GetString());
        Assert.Equal(569, m.GetProperty("trainingRows").GetInt32());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(ModelJson.Serialize(new LogisticRegressionModel<T>(Of<T>(1), T.One))).RootElement.GetProperty("scaler").ValueKind);
    }

    [Fact]
    public void Float32_IsWrittenAsFloat_NotAsItsDoubleExpansion()
    {
        if (!IsFloat)
        {
            return;
        }

        // 0.1f as a double is 0.100000001490116...; the float's shortest round-trip text is "0.1".
        string json = ModelJson.Serialize(new LogisticRegressionModel<float>([0.1f, 1f / 3], 0.7f));
        Assert.Contains("0.1,", json.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("0.33333334", json, StringComparison.Ordinal);
        Assert.DoesNotContain("0.10000000149", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeAny_ReturnsTheTypeTheDocumentNames()
    {
        string json = ModelJson.Serialize(Sample());
        Assert.IsType<LogisticRegressionModel<T>>(ModelJson.DeserializeAny(json));
    }

    [Fact]
    public void Deserialize_Throws_ForTheOtherElementType_NamingBoth()
    {
        string json = Edit(Sample(), root => root["elementType"] = OtherTypeName);
        Assert.Equal($"$.elementType: the model holds {OtherTypeName} ({(IsFloat ? "double" : "float")}) values, but {TypeName} ({(IsFloat ? "float" : "double")}) was asked for.", Invalid(json));
    }

    [Fact]
    public void Deserialize_Throws_ForLengthsThatDoNotMatchTheFeatureCount()
    {
        LogisticRegressionModel<T> model = Sample(n: 4);
        Assert.Equal("$.weights: has 4 values; 'featureCount' is 5.", Invalid(Edit(model, r => r["featureCount"] = 5)));
        Assert.Equal("$.scaler.means: has 3 values; 'featureCount' is 4.", Invalid(Edit(model, r => r["scaler"]!["means"]!.AsArray().RemoveAt(0))));
        Assert.Equal("$.scaler.scales: has 5 values; 'featureCount' is 4.", Invalid(Edit(model, r => r["scaler"]!["scales"]!.AsArray().Add(1.0))));
        Assert.Equal("$.featureCount: -1 is negative.", Invalid(Edit(model, r => r["featureCount"] = -1)));
    }

    [Fact]
    public void Deserialize_Throws_ForValuesThatAreNotFinite()
    {
        LogisticRegressionModel<T> model = Sample(n: 3);
        Assert.Equal("$.weights[1]: must be a finite number, not String \"NaN\".", Invalid(Edit(model, r => r["weights"]![1] = "NaN")));
        Assert.Equal($"$.bias: 1e999 is not a finite {TypeName}.", Invalid(Edit(model, r => r["bias"] = JsonNode.Parse("1e999"))));
        Assert.Equal("$.scaler.means[2]: must be a finite number, not Null null.", Invalid(Edit(model, r => r["scaler"]!["means"]![2] = null)));
        if (IsFloat)
        {
            // Finite as a double, but beyond float's range.
            Assert.Equal("$.weights[0]: 1e39 is not a finite float32.", Invalid(Edit(model, r => r["weights"]![0] = JsonNode.Parse("1e39"))));
        }
    }

    [Fact]
    public void Deserialize_Throws_ForAScaleThatIsNotPositive()
    {
        Assert.Equal("$.scaler.scales[0]: 0 must be > 0.", Invalid(Edit(Sample(), r => r["scaler"]!["scales"]![0] = 0)));
        Assert.Equal("$.scaler.scales[1]: -2 must be > 0.", Invalid(Edit(Sample(), r => r["scaler"]!["scales"]![1] = -2)));
    }

    [Fact]
    public void Deserialize_Throws_ForUnknownMissingOrDuplicateProperties()
    {
        Assert.StartsWith("$: unknown property 'extra'", Invalid(Edit(Sample(), r => r["extra"] = 1)), StringComparison.Ordinal);
        Assert.Equal("$: the required property 'bias' is missing.", Invalid(Edit(Sample(), r => r.Remove("bias"))));
        Assert.Equal("$.metadata: the required property 'tolerance' is missing.", Invalid(Edit(Sample(), r => r["metadata"]!.AsObject().Remove("tolerance"))));
        Assert.StartsWith("$.scaler: unknown property 'mean'", Invalid(Edit(Sample(), r => r["scaler"]!["mean"] = 1)), StringComparison.Ordinal);
        string json = ModelJson.Serialize(Sample());
        string duplicated = json.Replace("\"bias\":", "\"bias\": 1, \"bias\":", StringComparison.Ordinal);
        Assert.Equal("$: property 'bias' appears twice.", Invalid(duplicated));
    }

    [Fact]
    public void Deserialize_Throws_ForBadMetadata()
    {
        Assert.Equal(
            "$.metadata.solver: \"lbfgs\" is not one of Lbfgs, GradientDescent, MiniBatchSgd, Newton, Auto.",
            Invalid(Edit(Sample(), r => r["metadata"]!["solver"] = "lbfgs")));
        Assert.Equal(
            "$.metadata.reason: \"1\" is not one of ToleranceReached, IterationLimit, Cancelled, LineSearchFailed.",
            Invalid(Edit(Sample(), r => r["metadata"]!["reason"] = "1")));
        Assert.Equal(
            "$.metadata.solver: \"Lbfgs, GradientDescent\" is not one of Lbfgs, GradientDescent, MiniBatchSgd, Newton, Auto.",
            Invalid(Edit(Sample(), r => r["metadata"]!["solver"] = "Lbfgs, GradientDescent")));
        Assert.Equal(
            "$.metadata.classWeight: weights -1 and 2 do not fit mode Explicit (None: 1 and 1; Balanced: NaN and NaN; Explicit: finite and > 0).",
            Invalid(Edit(Sample(), r => r["metadata"]!["classWeight"] = new JsonObject { ["mode"] = "Explicit", ["negative"] = -1, ["positive"] = 2 })));
        Assert.Equal(
            "$.metadata.standardized: 1 is not true or false.",
            Invalid(Edit(Sample(), r => r["metadata"]!["standardized"] = 1)));
        Assert.Equal(
            "$.metadata.iterations: 1.5 is not a 32-bit integer.",
            Invalid(Edit(Sample(), r => r["metadata"]!["iterations"] = 1.5)));
        Assert.Equal(
            "$.metadata.objective: the string 'nan' is not a number; only \"NaN\", \"Infinity\" and \"-Infinity\" are allowed.",
            Invalid(Edit(Sample(), r => r["metadata"]!["objective"] = "nan")));
        Assert.Equal(
            "$.metadata.lambda: 1e400 is not a float64; write a non-finite value as \"NaN\", \"Infinity\" or \"-Infinity\".",
            Invalid(Edit(Sample(), r => r["metadata"]!["lambda"] = JsonNode.Parse("1e400"))));
    }

    [Fact]
    public void Deserialize_Throws_ForAnUnsupportedVersionOrElementType()
    {
        Assert.Equal("$.version: unsupported model JSON version 3; this library reads versions 1 and 2.", Invalid(Edit(Sample(), r => r["version"] = 3)));
        Assert.Equal("$.elementType: 'float16' is not \"float32\" or \"float64\".", Invalid(Edit(Sample(), r => r["elementType"] = "float16")));
        Assert.Equal("$: must be an object, not Array.", Invalid("[1, 2]"));
    }

    [Fact]
    public void Deserialize_ThrowsJsonException_ForMalformedJson()
    {
        string json = ModelJson.Serialize(Sample());
        Assert.ThrowsAny<JsonException>(() => ModelJson.Deserialize<T>(json[..^2]));
        Assert.ThrowsAny<JsonException>(() => ModelJson.Read<T>(new MemoryStream(Encoding.UTF8.GetBytes(json + "}"))));
    }
}
