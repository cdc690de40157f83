using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Metrics;
using LogReg.Simd.Model;

namespace LogReg.Cli.Commands;

/// <summary>`logreg evaluate`: classification metrics of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelFiles.ModelOption();
        var data = new DataOptions(dataRequired: true);
        var threshold = new Option<double>("--threshold") { Description = "Predict class 1 when P(y = 1) > threshold.", DefaultValueFactory = _ => 0.5, CustomParser = OptionValues.Real("a number in [0, 1]", t => t >= 0 && t <= 1) };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON document." };
        var ignoreFeatureNames = ModelFiles.IgnoreFeatureNamesOption();
        var command = new Command("evaluate", "Print accuracy, log-loss, ROC AUC, precision, recall, F1 and the confusion matrix of a model on labelled data.");
        command.Options.Add(model);
        data.AddTo(command, readsClassLabels: true);
        command.Options.Add(threshold);
        command.Options.Add(json);
        command.Options.Add(ignoreFeatureNames);
        command.SetAction(parse => ModelFiles.Load(parse.GetValue(model)!) switch
        {
            LogisticRegressionModel<float> f => Run(parse, f, data, parse.GetValue(threshold), parse.GetValue(json), parse.GetValue(ignoreFeatureNames), console),
            LogisticRegressionModel<double> d => Run(parse, d, data, parse.GetValue(threshold), parse.GetValue(json), parse.GetValue(ignoreFeatureNames), console),
            _ => throw new InvalidDataException("The model file holds an unsupported element type."),
        });
        return command;
    }

    private static int Run<T>(ParseResult parse, LogisticRegressionModel<T> model, DataOptions dataOptions, double threshold, bool asJson, bool ignoreFeatureNames, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var data = dataOptions.LoadLabelledData<T>(parse, allowSparse: true, model.FeatureCount, model.ClassLabels, ignoreFeatureNames ? null : model.FeatureNames);
        string? label = parse.GetValue(dataOptions.Label);
        ModelFiles.CheckFeatureCount(model.FeatureCount, data.Columns, parse.GetValue(dataOptions.Data)!, label is null ? " plus the label column (the last)" : $" plus the label column '{label}'");
        T[] probabilities = data.PredictProbabilities(model);
        BinaryClassificationReport metrics = ClassificationMetrics.Evaluate<T>(data.Labels, probabilities, threshold);
        ConfusionMatrix cm = metrics.ConfusionMatrix;
        var inv = CultureInfo.InvariantCulture;
        if (!asJson)
        {
            console.Out.WriteLine(string.Create(inv, $"rows       {metrics.Count}"));
            console.Out.WriteLine($"data       {data.Stats.Describe()}");
            console.Out.WriteLine(string.Create(inv, $"accuracy   {metrics.Accuracy:F6}"));
            console.Out.WriteLine(string.Create(inv, $"log-loss   {metrics.LogLoss:F6}"));
            console.Out.WriteLine(string.Create(inv, $"ROC AUC    {metrics.RocAuc:F6}"));
            console.Out.WriteLine(string.Create(inv, $"precision  {metrics.Precision:F6}"));
            console.Out.WriteLine(string.Create(inv, $"recall     {metrics.Recall:F6}"));
            console.Out.WriteLine(string.Create(inv, $"F1         {metrics.F1:F6}"));
            console.Out.WriteLine(string.Create(inv, $"confusion matrix (threshold {threshold}):"));
            console.Out.WriteLine(string.Create(inv, $"             predicted 0  predicted 1"));
            console.Out.WriteLine(string.Create(inv, $"  actual 0   {cm.TrueNegatives,11}  {cm.FalsePositives,11}"));
            console.Out.WriteLine(string.Create(inv, $"  actual 1   {cm.FalseNegatives,11}  {cm.TruePositives,11}"));
            return ExitCodes.Success;
        }

        CliJson.WriteDocument(console.Out, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("rows", metrics.Count);
            json.WriteStartObject("data");
            data.Stats.WriteJsonFields(json);
            json.WriteEndObject();
            CliJson.WriteNumber(json, "threshold", threshold);
            CliJson.WriteNumber(json, "accuracy", metrics.Accuracy);
            CliJson.WriteNumber(json, "logLoss", metrics.LogLoss);
            CliJson.WriteNumber(json, "rocAuc", metrics.RocAuc);
            CliJson.WriteNumber(json, "precision", metrics.Precision);
            CliJson.WriteNumber(json, "recall", metrics.Recall);
            CliJson.WriteNumber(json, "f1", metrics.F1);
            json.WriteStartObject("confusionMatrix");
            json.WriteNumber("trueNegatives", cm.TrueNegatives);
            json.WriteNumber("falsePositives", cm.FalsePositives);
            json.WriteNumber("falseNegatives", cm.FalseNegatives);
            json.WriteNumber("truePositives", cm.TruePositives);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return ExitCodes.Success;
    }
}
