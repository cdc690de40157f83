using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Training;

namespace LogReg.Cli.Commands;

/// <summary>`logreg train --cv K`: choose C by cross-validation, then refit on all rows.</summary>
internal static class TrainCrossValidation
{
    /// <summary>Runs the cross-validation; a K above the smaller class's rows is a usage error naming --cv.</summary>
    public static CrossValidationResult<T> Run<T>(Dataset<T> dataset, LogisticRegressionOptions options, CrossValidationOptions crossValidation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int positives = 0;
        foreach (T label in dataset.Labels)
        {
            positives += label == T.One ? 1 : 0;
        }

        int negatives = dataset.Rows - positives;
        int smaller = Math.Min(positives, negatives);
        if (smaller > 0 && crossValidation.Folds > smaller)
        {
            ClassLabels labels = dataset.ClassLabels ?? ClassLabels.ZeroOne;
            string smallerClass = positives < negatives ? labels.Positive : labels.Negative;
            throw new UsageException(OptionValues.Message(
                "--cv",
                string.Create(CultureInfo.InvariantCulture, $"at most {smaller}, the rows of class '{smallerClass}' (the smaller class), so that every fold holds both classes"),
                crossValidation.Folds.ToString(CultureInfo.InvariantCulture)));
        }

        return CrossValidation.Fit(options, crossValidation, dataset.Features, dataset.Labels);
    }

    /// <summary>Fold fits that stopped early make the scores of their C less certain; say how many.</summary>
    public static string NotConvergedWarning<T>(CrossValidationResult<T> result, int maxIterations)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"warning: {result.UnconvergedFits} of the {result.Folds * result.Cs.Count} cross-validation fits did not reach --tol; their scores are approximate: raise --max-iter (now {maxIterations}) or --tol.");
}

/// <summary>The cross-validation part of the `train` report: the table of C values and the chosen one.</summary>
internal sealed record CrossValidationSummary<T>(CrossValidationOptions Options, CrossValidationResult<T> Result)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The --cv-scoring name of a scoring.</summary>
    public static string NameOf(CrossValidationScoring scoring) => scoring switch
    {
        CrossValidationScoring.Accuracy => "accuracy",
        CrossValidationScoring.RocAuc => "auc",
        _ => "logloss",
    };

    public void WriteText(TextWriter writer)
    {
        string score = Result.Scoring switch
        {
            CrossValidationScoring.Accuracy => "accuracy",
            CrossValidationScoring.RocAuc => "ROC AUC",
            _ => "log-loss",
        };
        string better = Result.Scoring == CrossValidationScoring.LogLoss ? "lower" : "higher";
        string shuffle = Options.ShuffleSeed is { } seed ? string.Create(Invariant, $"shuffle seed {seed}") : "no shuffle";
        writer.WriteLine(string.Create(Invariant, $"cv         {Result.Folds}-fold stratified ({shuffle}), held-out {score} ({better} is better), {Result.Cs.Count} values of C, {Result.PathIterations} path iterations"));
        writer.WriteLine(string.Create(Invariant, $"             {"C",-12} {"mean " + score,-16} std"));
        for (int c = 0; c < Result.Cs.Count; c++)
        {
            string mark = c == Result.BestIndex ? "*" : " ";
            writer.WriteLine(string.Create(Invariant, $"           {mark} {Result.Cs[c],-12:G6} {Result.MeanScores[c],-16:F6} ± {Result.ScoreDeviations[c]:F6}"));
        }

        writer.WriteLine(string.Create(Invariant, $"chosen C   {Result.BestC:R} (refit on all rows)"));
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject("crossValidation");
        json.WriteNumber("folds", Result.Folds);
        if (Options.ShuffleSeed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }
        else
        {
            json.WriteNull("seed");
        }

        json.WriteString("scoring", NameOf(Result.Scoring));
        WriteArray(json, "cs", Result.Cs);
        WriteArray(json, "meanScores", Result.MeanScores);
        WriteArray(json, "stdScores", Result.ScoreDeviations);
        json.WriteStartArray("foldScores");
        foreach (IReadOnlyList<double> scores in Result.FoldScores)
        {
            json.WriteStartArray();
            foreach (double value in scores)
            {
                CliJson.WriteNumberValue(json, value);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        CliJson.WriteNumber(json, "chosenC", Result.BestC);
        json.WriteNumber("pathIterations", Result.PathIterations);
        json.WriteNumber("unconvergedFits", Result.UnconvergedFits);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            CliJson.WriteNumberValue(json, value);
        }

        json.WriteEndArray();
    }
}
