using System.Globalization;
using System.Numerics;
using LogReg.Simd.Metrics;
using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Cli;

/// <summary>The report `logreg train` prints, as text or as one JSON document.</summary>
internal sealed class TrainReport<T>(
    string source,
    LoadStats load,
    Precision precision,
    LogisticRegressionOptions options,
    TrainingResult<T> result,
    BinaryClassificationReport metrics,
    TimeSpan wallTime,
    string? savedTo)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Gets the cross-validation that chose C (`--cv`), or null.</summary>
    public Commands.CrossValidationSummary<T>? CrossValidation { get; init; }

    public void WriteText(TextWriter writer)
    {
        TrainingReport report = result.Report;
        writer.WriteLine(string.Create(Invariant, $"data       {source}: {load.Describe()}, {Names.Of(precision)}"));
        writer.WriteLine(string.Create(Invariant, $"solver     {Names.Of(report.Solver)}, {options.Regularization} (lambda {report.Lambda:G6}), class weight {Names.Of(options.ClassWeight)}, standardize {(options.Standardize ? (report.SparseData ? "yes (scaled, not centered: sparse data)" : "yes") : "no")}, tol {options.Tolerance:G}, max-iter {options.MaxIterations}"));
        CrossValidation?.WriteText(writer);
        writer.WriteLine(string.Create(Invariant, $"converged  {(report.Converged ? "yes" : "NO")} ({Names.Of(report.Reason)}) after {report.Iterations} iterations, {report.FunctionEvaluations} gradient passes{SecondOrderPasses(report)}"));
        writer.WriteLine(string.Create(Invariant, $"objective  {report.Objective:R}  (max |gradient| {report.GradientNorm:E3})"));
        writer.WriteLine(string.Create(Invariant, $"training   accuracy {metrics.Accuracy:F4}, log-loss {metrics.LogLoss:F6}, ROC AUC {metrics.RocAuc:F6}"));
        writer.WriteLine(string.Create(Invariant, $"wall time  {wallTime.TotalMilliseconds:F1} ms (load {load.LoadTime.TotalMilliseconds:F1} ms, fit {report.Elapsed.TotalMilliseconds:F1} ms)"));
        if (savedTo is not null)
        {
            writer.WriteLine(string.Create(Invariant, $"model      saved to {savedTo}"));
        }
    }

    // ", 12 Hessian-vector products" or ", 7 Hessians" for the Newton solver; nothing for the others.
    private static string SecondOrderPasses(TrainingReport report) =>
        report.HessianVectorProducts > 0 ? string.Create(Invariant, $", {report.HessianVectorProducts} Hessian-vector products")
        : report.Hessians > 0 ? string.Create(Invariant, $", {report.Hessians} Hessians")
        : string.Empty;

    public string NotConvergedWarning()
    {
        TrainingReport report = result.Report;
        string stop = string.Create(Invariant, $"warning: not converged ({Names.Of(report.Reason)}) after {report.Iterations} iterations: max |gradient| {report.GradientNorm:E3} > tol {options.Tolerance:G}");
        string? advice = NotConvergedAdvice(report.Reason);
        return advice is null ? stop + "." : stop + "; " + advice + ".";
    }

    // Advice that can help with this stop; a flag already given is never suggested again.
    private string? NotConvergedAdvice(ConvergenceReason reason)
    {
        switch (reason)
        {
            case ConvergenceReason.IterationLimit:
                return string.Create(Invariant, $"raise --max-iter (now {options.MaxIterations})") + (options.Standardize ? null : " or use --standardize");
            case ConvergenceReason.LineSearchFailed:
                // The objective stopped decreasing in this precision: more iterations do not help, better conditioning or more digits do.
                var fixes = new List<string>(2);
                if (!options.Standardize)
                {
                    fixes.Add("use --standardize (the data is badly conditioned)");
                }

                if (precision == Precision.Float)
                {
                    fixes.Add("--precision double");
                }

                return fixes.Count > 0
                    ? string.Join(" or ", fixes)
                    : string.Create(Invariant, $"the gradient cannot get smaller in double precision on this data: raise --tol (now {options.Tolerance:G})");
            default:
                return null;
        }
    }

    public void WriteJson(TextWriter writer) => CliJson.WriteDocument(writer, json =>
    {
        TrainingReport report = result.Report;
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteString("source", source);
        load.WriteJsonFields(json);
        json.WriteEndObject();
        json.WriteString("precision", Names.Of(precision));
        json.WriteString("solver", Names.Of(report.Solver));
        json.WriteStartObject("options");
        if (options.Regularization.C is { } c)
        {
            CliJson.WriteNumber(json, "c", c);
        }

        CliJson.WriteNumber(json, "lambda", report.Lambda);
        json.WriteString("classWeight", Names.Of(options.ClassWeight));
        json.WriteBoolean("standardize", options.Standardize);
        json.WriteBoolean("centered", options.Standardize && !report.SparseData);
        json.WriteBoolean("fitIntercept", options.FitIntercept);
        CliJson.WriteNumber(json, "tol", options.Tolerance);
        json.WriteNumber("maxIter", options.MaxIterations);
        CliJson.WriteNumber(json, "learningRate", options.LearningRate);
        json.WriteNumber("batchSize", options.BatchSize);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("threads", options.MaxDegreeOfParallelism);
        json.WriteEndObject();
        CrossValidation?.WriteJson(json);
        json.WriteNumber("iterations", report.Iterations);
        json.WriteNumber("gradientPasses", report.FunctionEvaluations);
        json.WriteNumber("hessianVectorProducts", report.HessianVectorProducts);
        json.WriteNumber("hessians", report.Hessians);
        json.WriteBoolean("converged", report.Converged);
        json.WriteString("reason", Names.Of(report.Reason));
        CliJson.WriteNumber(json, "objective", report.Objective);
        CliJson.WriteNumber(json, "gradientNorm", report.GradientNorm);
        json.WriteStartObject("training");
        CliJson.WriteNumber(json, "accuracy", metrics.Accuracy);
        CliJson.WriteNumber(json, "logLoss", metrics.LogLoss);
        CliJson.WriteNumber(json, "rocAuc", metrics.RocAuc);
        json.WriteEndObject();
        CliJson.WriteNumber(json, "wallTimeMs", wallTime.TotalMilliseconds);
        CliJson.WriteNumber(json, "fitTimeMs", report.Elapsed.TotalMilliseconds);
        CliJson.WriteCoefficients(json, result.Model);
        if (savedTo is not null)
        {
            json.WriteString("savedTo", savedTo);
        }

        json.WriteEndObject();
    });
}

/// <summary>The command-line names of library values.</summary>
internal static class Names
{
    public static string Of(Precision precision) => precision == Precision.Float ? "float" : "double";

    public static string Of(Solver solver) => solver switch
    {
        Solver.GradientDescent => "gd",
        Solver.MiniBatchSgd => "sgd",
        Solver.Newton => "newton",
        Solver.Auto => "auto",
        _ => "lbfgs",
    };

    public static string Of(ConvergenceReason reason) => reason switch
    {
        ConvergenceReason.ToleranceReached => "tolerance reached",
        ConvergenceReason.IterationLimit => "iteration limit",
        ConvergenceReason.Cancelled => "cancelled",
        _ => "line search failed",
    };

    public static string Of(ClassWeight classWeight) => classWeight.Mode switch
    {
        ClassWeightMode.None => "none",
        ClassWeightMode.Balanced => "balanced",
        _ => "explicit",
    };
}
