using System.CommandLine;
using System.Numerics;
using System.Text;
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
        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of stdout.", HelpName = "PATH" };
        var command = new Command("predict", "Write P(y = 1) for every row of the data as CSV with the header 'probability'. A label column in the data is ignored; the model's scaler is applied.");
        command.Options.Add(model);
        data.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            ModelFiles.CheckOutputPath(parse.GetValue(output), "--out", ("--data", parse.GetValue(data.Data)), ("--model", parse.GetValue(model)));
            return ModelFiles.Load(parse.GetValue(model)!) switch
            {
                LogisticRegressionModel<float> f => Run(parse, f, data, parse.GetValue(output), console),
                LogisticRegressionModel<double> d => Run(parse, d, data, parse.GetValue(output), console),
                _ => throw new InvalidDataException("The model file holds an unsupported element type."),
            };
        });
        return command;
    }

    private static int Run<T>(ParseResult parse, LogisticRegressionModel<T> model, DataOptions dataOptions, string? outputPath, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (data, shape) = dataOptions.LoadForScoring<T>(parse, model.FeatureCount);
        var probabilities = new T[shape.Rows];
        model.PredictProbabilities(shape.View(data), probabilities);

        var text = new StringBuilder(capacity: 16 + (shape.Rows * 24));
        text.Append("probability\n");
        foreach (T p in probabilities)
        {
            text.Append(typeof(T) == typeof(float) ? RoundTripText.Of(float.CreateTruncating(p)) : RoundTripText.Of(double.CreateTruncating(p))).Append('\n');
        }

        if (outputPath is null)
        {
            console.Out.Write(text.ToString());
        }
        else
        {
            File.WriteAllText(outputPath, text.ToString());
        }

        return ExitCodes.Success;
    }
}
