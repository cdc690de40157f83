using System.CommandLine;
using System.Numerics;
using System.Text;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Model;

namespace LogReg.Cli.Commands;

/// <summary>`logreg predict`: one probability per input row, in input order, as CSV.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelFiles.ModelOption();
        var data = new DataOptions(dataRequired: true, labelOptional: true);
        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of stdout.", HelpName = "PATH", CustomParser = OptionValues.FilePath() };
        var outputLabels = new Option<bool>("--output-labels")
        {
            Description = "Add a column 'label': the predicted class (P(y = 1) > 0.5) as the training data named it, such as yes/no (0/1 when the model does not know its labels).",
        };
        var ignoreFeatureNames = ModelFiles.IgnoreFeatureNamesOption();
        var command = new Command("predict", "Write P(y = 1) for every row of the data as CSV with the header 'probability' (and 'label' with --output-labels). A label column in the data is ignored; the model's scaler is applied.");
        command.Options.Add(model);
        data.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(outputLabels);
        command.Options.Add(ignoreFeatureNames);
        command.SetAction(parse =>
        {
            ModelFiles.CheckOutputPath(parse.GetValue(output), "--out", ("--data", parse.GetValue(data.Data)), ("--model", parse.GetValue(model)));
            var settings = new PredictSettings(data, parse.GetValue(output), parse.GetValue(outputLabels), parse.GetValue(ignoreFeatureNames));
            return ModelFiles.Load(parse.GetValue(model)!) switch
            {
                LogisticRegressionModel<float> f => Run(parse, f, settings, console),
                LogisticRegressionModel<double> d => Run(parse, d, settings, console),
                _ => throw new InvalidDataException("The model file holds an unsupported element type."),
            };
        });
        return command;
    }

    private static int Run<T>(ParseResult parse, LogisticRegressionModel<T> model, PredictSettings settings, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        DataOptions dataOptions = settings.Data;
        T[] probabilities;
        if (dataOptions.LoadSparseForScoring<T>(parse, model.FeatureCount) is { } sparse)
        {
            probabilities = new T[sparse.Rows];
            model.PredictProbabilities(sparse.Features.Span, probabilities);
        }
        else
        {
            var (data, shape) = dataOptions.LoadForScoring<T>(parse, model.FeatureCount, settings.IgnoreFeatureNames ? null : model.FeatureNames);
            probabilities = new T[shape.Rows];
            model.PredictProbabilities(shape.View(data), probabilities);
        }

        ClassLabels classes = model.ClassLabels ?? ClassLabels.ZeroOne;
        string negative = CsvField(classes.Negative), positive = CsvField(classes.Positive);
        var text = new StringBuilder(capacity: 16 + (probabilities.Length * 24));
        text.Append(settings.OutputLabels ? "probability,label\n" : "probability\n");
        foreach (T p in probabilities)
        {
            text.Append(typeof(T) == typeof(float) ? RoundTripText.Of(float.CreateTruncating(p)) : RoundTripText.Of(double.CreateTruncating(p)));
            if (settings.OutputLabels)
            {
                // The rule of LogisticRegressionModel.Predict at its default threshold.
                text.Append(',').Append(double.CreateTruncating(p) > 0.5 ? positive : negative);
            }

            text.Append('\n');
        }

        if (settings.OutputPath is null)
        {
            console.Out.Write(text.ToString());
        }
        else
        {
            File.WriteAllText(settings.OutputPath, text.ToString());
        }

        return ExitCodes.Success;
    }

    /// <summary>Quotes a label that holds a comma, a quote or a line break, as RFC 4180 does.</summary>
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record PredictSettings(DataOptions Data, string? OutputPath, bool OutputLabels, bool IgnoreFeatureNames);
}
