using System.Numerics;
using System.Text;
using System.Text.Json;
using LogReg.Simd.Internal;
using LogReg.Simd.Model;

namespace LogReg.Cli;

/// <summary>
/// Writes the JSON documents of every command (train, evaluate, inspect, bench). Each is valid JSON: a number
/// that is not finite (NaN, infinity) is written as <c>null</c>, the one convention of the CLI.
/// </summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions s_options = new() { Indented = true };

    /// <summary>Writes one indented document and a newline; nothing is written when <paramref name="write"/> throws.</summary>
    public static void WriteDocument(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_options))
        {
            write(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes a number, or null when it is not finite.</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        WriteNumberValue(json, value);
    }

    /// <summary>Writes a number, or null when it is not finite.</summary>
    public static void WriteNumberValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>Writes a model's weights, bias and scaler (null when it has none).</summary>
    public static void WriteCoefficients<T>(Utf8JsonWriter json, LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        WriteArray(json, "weights", model.Weights);
        json.WritePropertyName("bias");
        WriteExact(json, model.Bias);
        if (model.Scaler is { } scaler)
        {
            json.WriteStartObject("scaler");
            WriteArray(json, "means", scaler.Means);
            WriteArray(json, "scales", scaler.Scales);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("scaler");
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        json.WriteStartArray(name);
        foreach (T value in values)
        {
            WriteExact(json, value);
        }

        json.WriteEndArray();
    }

    // Coefficients are written so that they parse back to the same bits (see RoundTripText).
    private static void WriteExact<T>(Utf8JsonWriter json, T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value))
        {
            json.WriteNullValue();
            return;
        }

        json.WriteRawValue(typeof(T) == typeof(float) ? RoundTripText.Of(float.CreateTruncating(value)) : RoundTripText.Of(double.CreateTruncating(value)), skipInputValidation: true);
    }
}
