using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LogReg.Simd.Model;

namespace LogReg.Cli.Commands;

/// <summary>`logreg inspect`: a model's metadata, weights and bias.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelFiles.ModelOption();
        var json = new Option<bool>("--json") { Description = "Print the model as one JSON document, with the names and spellings of 'train --json'." };
        var command = new Command("inspect", "Print a model's training metadata, weights and bias.");
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            return ModelFiles.Load(path) switch
            {
                LogisticRegressionModel<float> f => Run(f, path, parse.GetValue(json), console),
                LogisticRegressionModel<double> d => Run(d, path, parse.GetValue(json), console),
                _ => throw new InvalidDataException("The model file holds an unsupported element type."),
            };
        });
        return command;
    }

    private static int Run<T>(LogisticRegressionModel<T> model, string path, bool asJson, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (asJson)
        {
            WriteJson(model, path, console.Out);
            return ExitCodes.Success;
        }

        var inv = CultureInfo.InvariantCulture;
        TextWriter o = console.Out;
        o.WriteLine(string.Create(inv, $"model      {path}"));
        o.WriteLine(string.Create(inv, $"precision  {(typeof(T) == typeof(float) ? "float" : "double")}, {model.FeatureCount} features, scaler {(model.Scaler is null ? "none" : "standard")}"));
        if (model.Metadata is { } m)
        {
            o.WriteLine(string.Create(inv, $"trained    {Names.Of(m.Solver)} on {m.TrainingRows} rows, {(m.C is { } c ? $"C={c:R}, " : string.Empty)}lambda {m.Lambda:R}, class weight {Names.Of(m.ClassWeight)}, standardized {(m.Standardized ? "yes" : "no")}, fit intercept {(m.FitIntercept ? "yes" : "no")}"));
            o.WriteLine(string.Create(inv, $"result     {(m.Converged ? "converged" : "NOT converged")} ({Names.Of(m.Reason)}) after {m.Iterations} iterations (max-iter {m.MaxIterations}, tol {m.Tolerance:G}); objective {m.Objective:R}, max |gradient| {m.GradientNorm:E3}"));
        }

        o.WriteLine(model.ClassLabels is { } classes
            ? $"classes    negative (0) '{classes.Negative}', positive (1) '{classes.Positive}'"
            : "classes    0 and 1 (the model does not record its class labels)");
        if (model.FeatureNames is null)
        {
            o.WriteLine("features   unnamed (the model does not record feature names)");
        }

        o.WriteLine(string.Create(inv, $"bias       {model.Bias.ToString("R", inv)}"));
        o.WriteLine("weights");
        int nameWidth = 0;
        foreach (string name in model.FeatureNames ?? [])
        {
            nameWidth = Math.Min(Math.Max(nameWidth, name.Length), 32);
        }

        for (int j = 0; j < model.FeatureCount; j++)
        {
            string scale = model.Scaler is { } s
                ? string.Create(inv, $"   (mean {s.Means[j].ToString("R", inv)}, scale {s.Scales[j].ToString("R", inv)})")
                : string.Empty;
            string name = model.FeatureNames is { } names ? names[j].PadRight(nameWidth) + "  " : string.Empty;
            o.WriteLine(string.Create(inv, $"  [{j,3}]  {name}{model.Weights[j].ToString("R", inv),-24}{scale}"));
        }

        return ExitCodes.Success;
    }

    /// <summary>The model in the names and spellings of `train --json`.</summary>
    private static void WriteJson<T>(LogisticRegressionModel<T> model, string path, TextWriter writer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => CliJson.WriteDocument(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("model", path);
        json.WriteString("precision", typeof(T) == typeof(float) ? "float" : "double");
        json.WriteNumber("features", model.FeatureCount);
        if (model.Metadata is { } m)
        {
            json.WriteString("solver", Names.Of(m.Solver));
            json.WriteNumber("trainingRows", m.TrainingRows);
            json.WriteStartObject("options");
            if (m.C is { } c)
            {
                CliJson.WriteNumber(json, "c", c);
            }

            CliJson.WriteNumber(json, "lambda", m.Lambda);
            json.WriteString("classWeight", Names.Of(m.ClassWeight));
            if (m.ClassWeight.Mode == ClassWeightMode.Explicit)
            {
                json.WriteStartArray("classWeights");
                CliJson.WriteNumberValue(json, m.ClassWeight.Negative);
                CliJson.WriteNumberValue(json, m.ClassWeight.Positive);
                json.WriteEndArray();
            }

            json.WriteBoolean("standardize", m.Standardized);
            json.WriteBoolean("fitIntercept", m.FitIntercept);
            CliJson.WriteNumber(json, "tol", m.Tolerance);
            json.WriteNumber("maxIter", m.MaxIterations);
            json.WriteEndObject();
            json.WriteNumber("iterations", m.Iterations);
            json.WriteBoolean("converged", m.Converged);
            json.WriteString("reason", Names.Of(m.Reason));
            CliJson.WriteNumber(json, "objective", m.Objective);
            CliJson.WriteNumber(json, "gradientNorm", m.GradientNorm);
        }

        WriteStrings(json, "classLabels", model.ClassLabels is { } classes ? [classes.Negative, classes.Positive] : null);
        WriteStrings(json, "featureNames", model.FeatureNames);
        CliJson.WriteCoefficients(json, model);
        json.WriteEndObject();
    });

    // A list of names, or null when the model does not record them.
    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
