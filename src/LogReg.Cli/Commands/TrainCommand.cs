using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Metrics;
using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Cli.Commands;

/// <summary>`logreg train`: fit a model, print the report, optionally save the model.</summary>
internal static class TrainCommand
{
    private const string CRange = "a finite number > 0 whose inverse 1/C is finite (C >= 5.6e-309)";
    private const string CsRange = "a comma-separated list of numbers C > 0 whose inverses 1/C are finite";
    private const string CvRange = "a whole number from 2 to 2147483647";

    public static Command Create(CliConsole console)
    {
        var data = new DataOptions(dataRequired: false);
        var solver = new Option<string>("--solver") { Description = "The optimizer: lbfgs, newton (exact Hessian up to 64 features, else trust-region Newton-CG), auto (newton for float data, up to 64 features or --tol <= 1e-8; else lbfgs), gd (gradient descent) or sgd (mini-batch SGD).", DefaultValueFactory = _ => "lbfgs", HelpName = "lbfgs|newton|auto|gd|sgd" };
        solver.AcceptOnlyFromAmong("lbfgs", "newton", "auto", "gd", "sgd");
        var c = new Option<double?>("--c") { Description = "Inverse L2 strength, as scikit-learn's C: lambda = 1/(C*S). Default: 1 unless --lambda is given.", HelpName = "C", CustomParser = OptionValues.OptionalReal(CRange, IsValidC) };
        var lambda = new Option<double?>("--lambda") { Description = "L2 strength lambda, instead of --c.", HelpName = "L", CustomParser = OptionValues.OptionalReal(OptionValues.FiniteAtLeast0, v => double.IsFinite(v) && v >= 0) };
        var classWeight = new Option<string?>("--class-weight") { Description = "'balanced' weighs class c by m/(2*m_c), m rows and m_c of them in class c, as scikit-learn. Default: none.", HelpName = "balanced" };
        classWeight.AcceptOnlyFromAmong("balanced", "none");
        var standardize = new Option<bool>("--standardize") { Description = "Standardize features (mean 0, population std 1) before fitting; the model keeps the scaler. This is the default." };
        var noStandardize = new Option<bool>("--no-standardize") { Description = "Fit on raw features." };
        var maxIter = new Option<int>("--max-iter") { Description = "Iteration limit (epochs for sgd).", DefaultValueFactory = _ => 100, HelpName = "N", CustomParser = OptionValues.Whole(OptionValues.WholeAtLeast1, v => v >= 1) };
        var tol = new Option<double>("--tol") { Description = "Stop when max |gradient| <= T.", DefaultValueFactory = _ => 1e-4, HelpName = "T", CustomParser = OptionValues.Real(OptionValues.FiniteAtLeast0, v => double.IsFinite(v) && v >= 0) };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate alpha of gd, eta0 of sgd.", DefaultValueFactory = _ => 0.1, HelpName = "A", CustomParser = OptionValues.Real(OptionValues.FiniteAbove0, v => double.IsFinite(v) && v > 0) };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size of sgd.", DefaultValueFactory = _ => 32, HelpName = "B", CustomParser = OptionValues.Whole(OptionValues.WholeAtLeast1, v => v >= 1) };
        var seed = new Option<int>("--seed") { Description = "Seed of the sgd shuffle.", DefaultValueFactory = _ => 0, HelpName = "S", CustomParser = OptionValues.Whole(OptionValues.AnyWhole, _ => true) };
        var threads = new Option<int>("--threads") { Description = "Threads for the gradient pass; -1 = automatic (all cores on large data). The model does not depend on it.", DefaultValueFactory = _ => -1, HelpName = "N", CustomParser = OptionValues.Whole("-1 (automatic) or a whole number from 1 to 2147483647", v => v == -1 || v >= 1) };
        var precision = new Option<string>("--precision") { Description = "Compute in float or double.", DefaultValueFactory = _ => "double", HelpName = "float|double" };
        precision.AcceptOnlyFromAmong("float", "double");
        var output = new Option<string?>("--out") { Description = "Save the model to this file (binary format).", HelpName = "MODEL", CustomParser = OptionValues.FilePath() };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON document on stdout (progress goes to stderr)." };
        var quiet = new Option<bool>("--quiet") { Description = "Show no progress." };
        var cv = new Option<int?>("--cv") { Description = "Choose C by stratified K-fold cross-validation over --cs, then refit on all rows at the chosen C.", HelpName = "K", CustomParser = result => OptionValues.Whole(CvRange, v => v >= 2)(result) };
        var cs = new Option<double[]?>("--cs") { Description = "The values of C for --cv, comma-separated, fitted in this order, each warm-started from the previous. Default: 10 values from 1e-4 to 1e4, as scikit-learn.", HelpName = "C1,C2,...", CustomParser = OptionValues.RealList(CsRange, IsValidC) };
        var cvSeed = new Option<int>("--cv-seed") { Description = "Seed of the --cv fold shuffle.", DefaultValueFactory = _ => 0, HelpName = "S", CustomParser = OptionValues.Whole(OptionValues.AnyWhole, _ => true) };
        var cvScoring = new Option<string>("--cv-scoring") { Description = "The score that chooses C in --cv: held-out log-loss (lower is better), accuracy or ROC AUC.", DefaultValueFactory = _ => "logloss", HelpName = "logloss|accuracy|auc" };
        cvScoring.AcceptOnlyFromAmong("logloss", "accuracy", "auc");

        var command = new Command("train", "Fit a logistic-regression model and print a report.");
        data.AddTo(command, readsClassLabels: true);
        foreach (Option option in new Option[] { solver, c, lambda, classWeight, standardize, noStandardize, maxIter, tol, learningRate, batchSize, seed, threads, precision, output, json, quiet, cv, cs, cvSeed, cvScoring })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(c) is not null && result.GetResult(lambda) is not null)
            {
                result.AddError("--c and --lambda cannot be used together.");
            }

            if (result.GetResult(standardize) is not null && result.GetResult(noStandardize) is not null)
            {
                result.AddError("--standardize and --no-standardize cannot be used together.");
            }

            if (result.GetResult(cv) is null)
            {
                foreach (Option needsCv in new Option[] { cs, cvSeed, cvScoring })
                {
                    if (result.GetResult(needsCv) is { Implicit: false })
                    {
                        result.AddError($"{needsCv.Name} needs --cv.");
                    }
                }
            }
            else if (result.GetResult(c) is not null || result.GetResult(lambda) is not null)
            {
                result.AddError($"--cv and {(result.GetResult(c) is not null ? "--c" : "--lambda")} cannot be used together: --cv chooses C among --cs.");
            }
        });

        command.SetAction(parse =>
        {
            ModelFiles.CheckOutputPath(parse.GetValue(output), "--out", ("--data", parse.GetValue(data.Data)));
            var settings = new TrainSettings(
                Data: data,
                Options: BuildOptions(parse),
                Precision: parse.GetValue(precision) == "float" ? Precision.Float : Precision.Double,
                OutputPath: parse.GetValue(output),
                Json: parse.GetValue(json),
                Quiet: parse.GetValue(quiet))
            {
                CrossValidation = parse.GetValue(cv) is { } folds
                    ? new CrossValidationOptions
                    {
                        Folds = folds,
                        Cs = parse.GetResult(cs) is null ? CrossValidationOptions.Default.Cs : parse.GetValue(cs)!,
                        ShuffleSeed = parse.GetValue(cvSeed),
                        Scoring = parse.GetValue(cvScoring) switch { "accuracy" => CrossValidationScoring.Accuracy, "auc" => CrossValidationScoring.RocAuc, _ => CrossValidationScoring.LogLoss },
                    }
                    : null,
            };
            return settings.Precision == Precision.Float ? Run<float>(parse, settings, console) : Run<double>(parse, settings, console);
        });

        return command;

        LogisticRegressionOptions BuildOptions(ParseResult parse)
        {
            Regularization regularization = parse.GetValue(lambda) is { } l
                ? Guard(() => Regularization.FromLambda(l))
                : Guard(() => Regularization.FromC(parse.GetValue(c) ?? 1.0));
            return new LogisticRegressionOptions
            {
                Solver = parse.GetValue(solver) switch { "gd" => Solver.GradientDescent, "sgd" => Solver.MiniBatchSgd, "newton" => Solver.Newton, "auto" => Solver.Auto, _ => Solver.Lbfgs },
                Regularization = regularization,
                ClassWeight = parse.GetValue(classWeight) == "balanced" ? ClassWeight.Balanced : ClassWeight.None,
                Standardize = !parse.GetValue(noStandardize),
                MaxIterations = parse.GetValue(maxIter),
                Tolerance = parse.GetValue(tol),
                LearningRate = parse.GetValue(learningRate),
                BatchSize = parse.GetValue(batchSize),
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
            };
        }
    }

    private static int Run<T>(ParseResult parse, TrainSettings settings, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var clock = Stopwatch.StartNew();

        // LIBSVM trains sparse (unless --layout dense); cross-validation splits dense rows, so --cv reads it dense.
        LabelledData<T> data = settings.Data.LoadLabelledData<T>(parse, allowSparse: settings.CrossValidation is null);
        LogisticRegressionTrainer trainer = Guard(() => new LogisticRegressionTrainer(settings.Options));
        using var progress = settings.Quiet ? null : new ConsoleProgress(console);
        CrossValidationResult<T>? crossValidation = null;
        TrainingResult<T> result;
        if (settings.CrossValidation is { } cvOptions)
        {
            // The folds' fits report no progress: only their total iterations are shown.
            Dataset<T> dataset = data.Dense!;
            crossValidation = TrainCrossValidation.Run(dataset, settings.Options, cvOptions);
            result = crossValidation.Refit with { Model = crossValidation.Refit.Model.WithDataNames(dataset.FeatureNames, dataset.ClassLabels) };
            settings = settings with { Options = settings.Options with { Regularization = Regularization.FromC(crossValidation.BestC) } };
        }
        else
        {
            result = data.Sparse is { } sparse ? trainer.Fit(sparse, progress: progress) : trainer.Fit(data.Dense!, progress: progress);
        }

        progress?.Complete();

        T[] probabilities = data.PredictProbabilities(result.Model);
        var metrics = ClassificationMetrics.Evaluate<T>(data.Labels, probabilities);
        clock.Stop();
        var report = new TrainReport<T>(DataOptions.SourceName(parse, settings.Data), data.Stats, settings.Precision, settings.Options, result, metrics, clock.Elapsed, settings.OutputPath)
        {
            CrossValidation = crossValidation is null ? null : new CrossValidationSummary<T>(settings.CrossValidation!, crossValidation),
        };

        // The report is made before the model is saved, so a failure to make it leaves no model behind.
        var rendered = new StringWriter(CultureInfo.InvariantCulture);
        if (settings.Json)
        {
            report.WriteJson(rendered);
        }
        else
        {
            report.WriteText(rendered);
        }

        if (settings.OutputPath is { } path)
        {
            ModelFiles.Save(result.Model, path);
        }

        console.Out.Write(rendered.ToString());

        if (crossValidation is { UnconvergedFits: > 0 })
        {
            console.Error.WriteLine(TrainCrossValidation.NotConvergedWarning(crossValidation, settings.Options.MaxIterations));
        }

        if (!result.Report.Converged)
        {
            console.Error.WriteLine(report.NotConvergedWarning());
        }

        return ExitCodes.Success;
    }

    // lambda = 1/(C*S) with S >= 1 (the CLI has no sample weights) is then finite.
    private static bool IsValidC(double c) => double.IsFinite(c) && c > 0 && double.IsFinite(1 / c);

    /// <summary>What diverged and what to change, in the CLI's words.</summary>
    internal static string DivergedMessage(TrainingDivergedException e)
    {
        string solverName = e.Solver == Solver.MiniBatchSgd ? "mini-batch SGD (--solver sgd)" : "gradient descent (--solver gd)";
        string step = e.Solver == Solver.MiniBatchSgd ? "epoch" : "iteration";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{solverName} diverged at {step} {e.Iteration} ({e.WhatDiverged}) with --learning-rate {e.LearningRate:R}; lower --learning-rate or use --solver lbfgs");
    }

    /// <summary>Option values the library rejects are usage errors, reported as such.</summary>
    internal static TResult Guard<TResult>(Func<TResult> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(CliApplication.MessageOf(e));
        }
    }

    private sealed record TrainSettings(DataOptions Data, LogisticRegressionOptions Options, Precision Precision, string? OutputPath, bool Json, bool Quiet)
    {
        public CrossValidationOptions? CrossValidation { get; init; }
    }
}

/// <summary>Shows each iteration: one live line on a terminal, plain lines otherwise.</summary>
internal sealed class ConsoleProgress(CliConsole console) : IProgress<TrainingProgress>, IDisposable
{
    private readonly bool _live = console.ErrorIsTerminal;
    private bool _wroteLive;

    public void Report(TrainingProgress value)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"iter {value.Iteration,5}  objective {value.Objective,-22:R}  max|grad| {value.GradientNorm,-10:E3}  elapsed {value.Elapsed.TotalMilliseconds,8:F1} ms");
        if (_live)
        {
            console.Error.Write("\r" + line);
            _wroteLive = true;
        }
        else
        {
            console.Error.WriteLine(line);
        }
    }

    public void Complete()
    {
        if (_wroteLive)
        {
            console.Error.WriteLine();
            _wroteLive = false;
        }
    }

    public void Dispose() => Complete();
}
