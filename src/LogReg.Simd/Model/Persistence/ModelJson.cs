using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Model.Persistence;

/// <summary>
/// Exports and imports <see cref="LogisticRegressionModel{T}"/> as human-readable JSON, for people and
/// for other languages. Numbers round-trip exactly: float models are written and read as float, double
/// models as double, each in its shortest round-trippable form.
/// </summary>
/// <remarks>
/// <para>The document (version 2; version 1 has no "featureNames" and "classLabels", and still loads):</para>
/// <code>
/// {
///   "version": 2,
///   "elementType": "float32" | "float64",
///   "featureCount": n,
///   "weights": [n numbers],
///   "bias": number,
///   "scaler": null | { "means": [n numbers], "scales": [n numbers &gt; 0] },
///   "metadata": null | {
///     "solver": "Lbfgs" | "GradientDescent" | "MiniBatchSgd" | "Newton", "iterations": int,
///     "objective": number, "gradientNorm": number,
///     "reason": "ToleranceReached" | "IterationLimit" | "Cancelled" | "LineSearchFailed",
///     "lambda": number, "c": null | number,
///     "classWeight": { "mode": "None" | "Balanced" | "Explicit", "negative": number, "positive": number },
///     "standardized": bool, "fitIntercept": bool, "tolerance": number, "maxIterations": int, "trainingRows": int
///   },
///   "featureNames": null | [n strings],
///   "classLabels": null | { "negative": string, "positive": string }
/// }
/// </code>
/// <para>
/// Weights, bias and scaler must be finite numbers. Metadata numbers may also be the strings
/// "NaN", "Infinity" and "-Infinity" (balanced class weights are NaN until fitted data resolves them).
/// </para>
/// <para>
/// Every defect of an imported document, malformed JSON included, is reported as a <see cref="JsonException"/>
/// whose message names the JSON path: unknown or duplicate or missing properties, the wrong element type,
/// lengths that differ from "featureCount", values that are not finite, scales that are not positive,
/// metadata out of the ranges a fit produces, class labels that are empty or equal.
/// </para>
/// </remarks>
public static class ModelJson
{
    /// <summary>The version of the JSON document this library writes and reads.</summary>
    public const int FormatVersion = 2;

    private const int FirstFormatVersion = 1;

    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 8 };
    private static readonly string[] s_rootPropertiesVersion1 = ["version", "elementType", "featureCount", "weights", "bias", "scaler", "metadata"];
    private static readonly string[] s_rootProperties = [.. s_rootPropertiesVersion1, "featureNames", "classLabels"];
    private static readonly string[] s_classLabelsProperties = ["negative", "positive"];
    private static readonly string[] s_scalerProperties = ["means", "scales"];
    private static readonly string[] s_classWeightProperties = ["mode", "negative", "positive"];
    private static readonly string[] s_metadataProperties =
        ["solver", "iterations", "objective", "gradientNorm", "reason", "lambda", "c", "classWeight", "standardized", "fitIntercept", "tolerance", "maxIterations", "trainingRows"];

    /// <summary>Converts <paramref name="model"/> to indented JSON.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds an enum value that is not defined.</exception>
    public static string Serialize<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            Write(model, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="model"/> as indented UTF-8 JSON to <paramref name="destination"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="destination">A writable stream; it is flushed, not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds an enum value that is not defined.</exception>
    public static void Write<T>(LogisticRegressionModel<T> model, Stream destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new Utf8JsonWriter(destination, s_writerOptions);
        Write(model, writer);
    }

    /// <summary>Writes <paramref name="model"/> as one JSON object to <paramref name="writer"/>, which is flushed.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="writer">The writer, positioned where a value may go.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The metadata holds an enum value that is not defined.</exception>
    public static void Write<T>(LogisticRegressionModel<T> model, Utf8JsonWriter writer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        FloatingPoint.ThrowIfNotSupported<T>();
        TrainingMetadata? m = model.Metadata;
        string? solver = null, reason = null, mode = null;
        if (m is not null)
        {
            solver = NameOf(m.Solver, nameof(TrainingMetadata.Solver));
            reason = NameOf(m.Reason, nameof(TrainingMetadata.Reason));
            mode = NameOf(m.ClassWeight.Mode, "ClassWeight.Mode");
        }

        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("elementType", typeof(T) == typeof(float) ? "float32" : "float64");
        writer.WriteNumber("featureCount", model.FeatureCount);
        WriteArray(writer, "weights", model.Weights);
        writer.WritePropertyName("bias");
        WriteValue(writer, model.Bias);
        if (model.Scaler is { } scaler)
        {
            writer.WriteStartObject("scaler");
            WriteArray(writer, "means", scaler.Means);
            WriteArray(writer, "scales", scaler.Scales);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("scaler");
        }

        if (m is not null)
        {
            writer.WriteStartObject("metadata");
            writer.WriteString("solver", solver);
            writer.WriteNumber("iterations", m.Iterations);
            WriteMetadataNumber(writer, "objective", m.Objective);
            WriteMetadataNumber(writer, "gradientNorm", m.GradientNorm);
            writer.WriteString("reason", reason);
            WriteMetadataNumber(writer, "lambda", m.Lambda);
            if (m.C is { } c)
            {
                WriteMetadataNumber(writer, "c", c);
            }
            else
            {
                writer.WriteNull("c");
            }

            writer.WriteStartObject("classWeight");
            writer.WriteString("mode", mode);
            WriteMetadataNumber(writer, "negative", m.ClassWeight.Negative);
            WriteMetadataNumber(writer, "positive", m.ClassWeight.Positive);
            writer.WriteEndObject();
            writer.WriteBoolean("standardized", m.Standardized);
            writer.WriteBoolean("fitIntercept", m.FitIntercept);
            WriteMetadataNumber(writer, "tolerance", m.Tolerance);
            writer.WriteNumber("maxIterations", m.MaxIterations);
            writer.WriteNumber("trainingRows", m.TrainingRows);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("metadata");
        }

        if (model.FeatureNames is { } featureNames)
        {
            writer.WriteStartArray("featureNames");
            foreach (string name in featureNames)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("featureNames");
        }

        if (model.ClassLabels is { } classLabels)
        {
            writer.WriteStartObject("classLabels");
            writer.WriteString("negative", classLabels.Negative);
            writer.WriteString("positive", classLabels.Positive);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("classLabels");
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Reads a model whose "elementType" is <typeparamref name="T"/> from JSON text.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as written.</typeparam>
    /// <param name="json">The JSON document.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON or not a valid model of <typeparamref name="T"/>; the message names the path.</exception>
    public static LogisticRegressionModel<T> Deserialize<T>(string json)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        FloatingPoint.ThrowIfNotSupported<T>();
        using JsonDocument document = JsonDocument.Parse(json, s_documentOptions);
        return (LogisticRegressionModel<T>)FromJson(document.RootElement, ModelFileFormat.ElementTypeOf<T>());
    }

    /// <summary>Reads a model whose "elementType" is <typeparamref name="T"/> from UTF-8 JSON.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as written.</typeparam>
    /// <param name="source">A readable stream holding one JSON document; it is read to its end and not closed.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="JsonException">The stream does not hold a valid model of <typeparamref name="T"/>; the message names the path.</exception>
    public static LogisticRegressionModel<T> Read<T>(Stream source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        FloatingPoint.ThrowIfNotSupported<T>();
        using JsonDocument document = JsonDocument.Parse(source, s_documentOptions);
        return (LogisticRegressionModel<T>)FromJson(document.RootElement, ModelFileFormat.ElementTypeOf<T>());
    }

    /// <summary>Reads a model of either element type from JSON text.</summary>
    /// <param name="json">The JSON document.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or <see cref="double"/>, as its "elementType" says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not a valid model.</exception>
    public static object DeserializeAny(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json, s_documentOptions);
        return FromJson(document.RootElement, requested: null);
    }

    /// <summary>Reads a model of either element type from UTF-8 JSON.</summary>
    /// <param name="source">A readable stream holding one JSON document; it is read to its end and not closed.</param>
    /// <returns>A <see cref="LogisticRegressionModel{T}"/> of <see cref="float"/> or <see cref="double"/>, as its "elementType" says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="JsonException">The stream does not hold a valid model.</exception>
    public static object ReadAny(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using JsonDocument document = JsonDocument.Parse(source, s_documentOptions);
        return FromJson(document.RootElement, requested: null);
    }

    private static object FromJson(JsonElement root, ModelElementType? requested)
    {
        Dictionary<string, JsonElement> properties = Properties(root, "$", s_rootProperties);
        int version = ReadInt32(Required(properties, "version", "$"), "$.version");
        if (version is not (FirstFormatVersion or FormatVersion))
        {
            Throw($"$.version: unsupported model JSON version {version}; this library reads versions {FirstFormatVersion} and {FormatVersion}.");
        }

        if (version == FirstFormatVersion)
        {
            Properties(root, "$", s_rootPropertiesVersion1);
        }

        JsonElement typeElement = Required(properties, "elementType", "$");
        ModelElementType type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() switch
        {
            "float32" => ModelElementType.Float32,
            "float64" => ModelElementType.Float64,
            var other => Throw<ModelElementType>($"$.elementType: '{other}' is not \"float32\" or \"float64\"."),
        } : Throw<ModelElementType>($"$.elementType: must be a string, not {typeElement.ValueKind}.");
        if (requested is { } r && r != type)
        {
            Throw($"$.elementType: the model holds {ModelFileFormat.Name(type)} values, but {ModelFileFormat.Name(r)} was asked for.");
        }

        return type == ModelElementType.Float32 ? Build<float>(properties) : Build<double>(properties);
    }

    private static LogisticRegressionModel<T> Build<T>(Dictionary<string, JsonElement> properties)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = ReadInt32(Required(properties, "featureCount", "$"), "$.featureCount");
        if (n < 0)
        {
            Throw($"$.featureCount: {n} is negative.");
        }

        T[] weights = ReadArray<T>(Required(properties, "weights", "$"), "$.weights", n);
        T bias = ReadValue<T>(Required(properties, "bias", "$"), "$.bias");
        StandardScaler<T>? scaler = null;
        if (properties.TryGetValue("scaler", out JsonElement scalerElement) && scalerElement.ValueKind != JsonValueKind.Null)
        {
            Dictionary<string, JsonElement> s = Properties(scalerElement, "$.scaler", s_scalerProperties);
            T[] means = ReadArray<T>(Required(s, "means", "$.scaler"), "$.scaler.means", n);
            T[] scales = ReadArray<T>(Required(s, "scales", "$.scaler"), "$.scaler.scales", n);
            for (int j = 0; j < n; j++)
            {
                if (scales[j] <= T.Zero)
                {
                    Throw($"$.scaler.scales[{j}]: {scales[j]} must be > 0.");
                }
            }

            scaler = StandardScaler<T>.Create(means, scales);
        }

        TrainingMetadata? metadata = null;
        if (properties.TryGetValue("metadata", out JsonElement metadataElement) && metadataElement.ValueKind != JsonValueKind.Null)
        {
            metadata = ReadMetadata(metadataElement);
        }

        string[]? featureNames = null;
        if (properties.TryGetValue("featureNames", out JsonElement namesElement) && namesElement.ValueKind != JsonValueKind.Null)
        {
            featureNames = ReadStrings(namesElement, "$.featureNames", n);
        }

        ClassLabels? classLabels = null;
        if (properties.TryGetValue("classLabels", out JsonElement labelsElement) && labelsElement.ValueKind != JsonValueKind.Null)
        {
            Dictionary<string, JsonElement> l = Properties(labelsElement, "$.classLabels", s_classLabelsProperties);
            string negative = ReadString(Required(l, "negative", "$.classLabels"), "$.classLabels.negative");
            string positive = ReadString(Required(l, "positive", "$.classLabels"), "$.classLabels.positive");
            if (negative.Length == 0 || positive.Length == 0 || negative == positive)
            {
                Throw($"$.classLabels: '{negative}' and '{positive}' must be two different non-empty strings.");
            }

            classLabels = new ClassLabels(negative, positive);
        }

        return new LogisticRegressionModel<T>(weights, bias, scaler, metadata, featureNames, classLabels);
    }

    private static string[] ReadStrings(JsonElement element, string path, int featureCount)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Throw($"{path}: must be an array, not {element.ValueKind}.");
        }

        int length = element.GetArrayLength();
        if (length != featureCount)
        {
            Throw($"{path}: has {length} values; 'featureCount' is {featureCount}.");
        }

        var values = new string[length];
        int j = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            values[j] = ReadString(item, $"{path}[{j}]");
            j++;
        }

        return values;
    }

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : Throw<string>($"{path}: must be a string, not {element.ValueKind} {element.GetRawText()}.");

    private static TrainingMetadata ReadMetadata(JsonElement element)
    {
        const string P = "$.metadata";
        Dictionary<string, JsonElement> m = Properties(element, P, s_metadataProperties);
        JsonElement cElement = Required(m, "c", P);
        double? c = cElement.ValueKind == JsonValueKind.Null ? null : ReadMetadataNumber(cElement, P + ".c");
        Dictionary<string, JsonElement> w = Properties(Required(m, "classWeight", P), P + ".classWeight", s_classWeightProperties);
        var mode = ReadEnum<ClassWeightMode>(Required(w, "mode", P + ".classWeight"), P + ".classWeight.mode");
        double negative = ReadMetadataNumber(Required(w, "negative", P + ".classWeight"), P + ".classWeight.negative");
        double positive = ReadMetadataNumber(Required(w, "positive", P + ".classWeight"), P + ".classWeight.positive");
        ClassWeight classWeight = ModelFileFormat.ToClassWeight(mode, negative, positive)
            ?? Throw<ClassWeight>($"{P}.classWeight: weights {negative.ToString("R", CultureInfo.InvariantCulture)} and {positive.ToString("R", CultureInfo.InvariantCulture)} do not fit mode {mode} (None: 1 and 1; Balanced: NaN and NaN; Explicit: finite and > 0).");
        var metadata = new TrainingMetadata(
            ReadEnum<Solver>(Required(m, "solver", P), P + ".solver"),
            ReadInt32(Required(m, "iterations", P), P + ".iterations"),
            ReadMetadataNumber(Required(m, "objective", P), P + ".objective"),
            ReadMetadataNumber(Required(m, "gradientNorm", P), P + ".gradientNorm"),
            ReadEnum<ConvergenceReason>(Required(m, "reason", P), P + ".reason"),
            ReadMetadataNumber(Required(m, "lambda", P), P + ".lambda"),
            c,
            classWeight,
            ReadBoolean(Required(m, "standardized", P), P + ".standardized"),
            ReadBoolean(Required(m, "fitIntercept", P), P + ".fitIntercept"),
            ReadMetadataNumber(Required(m, "tolerance", P), P + ".tolerance"),
            ReadInt32(Required(m, "maxIterations", P), P + ".maxIterations"),
            ReadInt32(Required(m, "trainingRows", P), P + ".trainingRows"));
        if (MetadataRules.FindViolation(metadata) is var (field, value, rule))
        {
            Throw($"{P}.{field}: {value} is out of range; it must be {rule}.");
        }

        return metadata;
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Throw($"{path}: must be an object, not {element.ValueKind}.");
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Throw($"{path}: unknown property '{property.Name}'; expected {string.Join(", ", allowed)}.");
            }

            if (!properties.TryAdd(property.Name, property.Value))
            {
                Throw($"{path}: property '{property.Name}' appears twice.");
            }
        }

        return properties;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> properties, string name, string path) =>
        properties.TryGetValue(name, out JsonElement value) ? value : Throw<JsonElement>($"{path}: the required property '{name}' is missing.");

    private static T[] ReadArray<T>(JsonElement element, string path, int featureCount)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Throw($"{path}: must be an array, not {element.ValueKind}.");
        }

        int length = element.GetArrayLength();
        if (length != featureCount)
        {
            Throw($"{path}: has {length} values; 'featureCount' is {featureCount}.");
        }

        var values = new T[length];
        int j = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            values[j] = ReadValue<T>(item, $"{path}[{j}]");
            j++;
        }

        return values;
    }

    private static T ReadValue<T>(JsonElement element, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            Throw($"{path}: must be a finite number, not {element.ValueKind} {element.GetRawText()}.");
        }

        // TryGetSingle and TryGetDouble round the decimal text once, to the nearest value; text beyond the range parses as infinity.
        if (typeof(T) == typeof(float))
        {
            return element.TryGetSingle(out float f) && float.IsFinite(f) ? T.CreateTruncating(f) : Throw<T>($"{path}: {element.GetRawText()} is not a finite float32.");
        }

        return element.TryGetDouble(out double d) && double.IsFinite(d) ? T.CreateTruncating(d) : Throw<T>($"{path}: {element.GetRawText()} is not a finite float64.");
    }

    private static double ReadMetadataNumber(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetDouble(out double d) && double.IsFinite(d) => d,
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => Throw<double>($"{path}: the string '{other}' is not a number; only \"NaN\", \"Infinity\" and \"-Infinity\" are allowed."),
        },
        _ => Throw<double>($"{path}: {element.GetRawText()} is not a float64; write a non-finite value as \"NaN\", \"Infinity\" or \"-Infinity\"."),
    };

    private static int ReadInt32(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value)
            ? value
            : Throw<int>($"{path}: {element.GetRawText()} is not a 32-bit integer.");

    private static bool ReadBoolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => Throw<bool>($"{path}: {element.GetRawText()} is not true or false."),
    };

    private static TEnum ReadEnum<TEnum>(JsonElement element, string path)
        where TEnum : struct, Enum
    {
        string? name = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (name is not null && Enum.TryParse(name, ignoreCase: false, out TEnum value) && Enum.GetName(value) == name)
        {
            return value;
        }

        return Throw<TEnum>($"{path}: {element.GetRawText()} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    private static string NameOf<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        string? text = Enum.GetName(value);
        if (text is null)
        {
            ThrowHelper.ThrowArgument("model", $"'model.Metadata.{name}':{value} is not a defined value.");
        }

        return text;
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        writer.WriteStartArray(name);
        foreach (T value in values)
        {
            WriteValue(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteValue<T>(Utf8JsonWriter writer, T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            writer.WriteRawValue(RoundTripText.Of(float.CreateTruncating(value)), skipInputValidation: true);
        }
        else
        {
            writer.WriteRawValue(RoundTripText.Of(double.CreateTruncating(value)), skipInputValidation: true);
        }
    }

    private static void WriteMetadataNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(RoundTripText.Of(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    [DoesNotReturn]
    private static void Throw(string message) => throw new JsonException(message);

    [DoesNotReturn]
    private static TResult Throw<TResult>(string message) => throw new JsonException(message);
}
