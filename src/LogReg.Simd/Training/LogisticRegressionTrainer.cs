using System.Diagnostics;
using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Model;
using LogReg.Simd.Training.Solvers;

namespace LogReg.Simd.Training;

/// <summary>
/// Fits a binary logistic-regression model by minimizing the project's objective J (see remarks) with the
/// solver chosen in <see cref="LogisticRegressionOptions"/>. The options are checked once, here; a trainer
/// is immutable and can run several fits, on several threads at once.
/// </summary>
/// <remarks>
/// <para>
/// With effective weights s_i = (sample weight) x (class weight of y_i) and S = sum s_i:
/// J(w, b) = (1/S) sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + (lambda/2) ||w||^2, z_i = w . x_i + b,
/// with lambda = <see cref="Regularization.LambdaFor(double)"/>(S), so C gives scikit-learn's
/// model (lambda = 1 / (C S)). The bias is not penalized.
/// </para>
/// <para>
/// The solvers keep theta = [w..., b] in double and evaluate J and its gradient with
/// <see cref="Kernels.ParallelLossGradient"/>, which is bit-identical for every thread count, so the model
/// does not depend on <see cref="LogisticRegressionOptions.MaxDegreeOfParallelism"/>. After the first
/// iteration, an iteration allocates nothing.
/// </para>
/// </remarks>
public sealed partial class LogisticRegressionTrainer
{
    /// <summary>Creates a trainer with checked options.</summary>
    /// <param name="options">The settings of the fit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names the option and its value.</exception>
    public LogisticRegressionTrainer(LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
    }

    /// <summary>Gets the settings of the fit.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <summary>Fits a model to <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the model has the same element type.</typeparam>
    /// <param name="x">The m x n examples, row-major, all finite; m &gt;= 1, n &gt;= 1.</param>
    /// <param name="y">The m labels, each exactly 0 or 1, both classes present.</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0), or empty for all ones.</param>
    /// <param name="warmStart">
    /// A model to start from, or null to start at zero. Its raw-feature function (<see cref="LogisticRegressionModel{T}.RawWeights"/>,
    /// <see cref="LogisticRegressionModel{T}.RawBias"/>) is carried into this fit's parameterization; with standardization by
    /// the new scaler (mean mu, scale sigma): w = v * sigma, b = c + v . mu. Without an intercept the bias starts at 0.
    /// </param>
    /// <param name="progress">Receives each iteration's <see cref="TrainingProgress"/>, on the fitting thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit after the current iteration; the result then has <see cref="ConvergenceReason.Cancelled"/> and the model so far.</param>
    /// <returns>The model and the report. The fit may not have converged: check <see cref="TrainingReport.Reason"/>.</returns>
    /// <exception cref="ArgumentException">
    /// The data are invalid: mismatched row counts, no rows or columns, a non-finite feature, a label other than 0 or 1,
    /// a single class, a class with zero total weight, or a warm-start model with another feature count.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A feature, label or weight is out of range (a kind of <see cref="ArgumentException"/>); the message names the row, column and value.
    /// Or C is so small that lambda = 1/(C*S) is not finite.
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// Gradient descent or SGD diverged because the learning rate is too large: the objective or its gradient became
    /// infinite or NaN. The exception says the solver, the iteration and the learning rate. L-BFGS does not diverge.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public TrainingResult<T> Fit<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights = default,
        LogisticRegressionModel<T>? warmStart = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FitCore(x, default, isSparse: false, y, sampleWeights, warmStart, progress, cancellationToken);

    // The fit of dense x or, when isSparse, of sparseX: validation, weights, scaling and the loss dispatch on which.
    private TrainingResult<T> FitCore<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlyCsrMatrixSpan<T> sparseX,
        bool isSparse,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        LogisticRegressionModel<T>? warmStart,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = isSparse ? sparseX.Columns : x.Columns;
        if (warmStart is null)
        {
            return FitFrom(x, sparseX, isSparse, y, sampleWeights, default, 0.0, progress, cancellationToken);
        }

        if (warmStart.FeatureCount != n)
        {
            ThrowHelper.ThrowArgument(nameof(warmStart), $"'warmStart' has {warmStart.FeatureCount} features but 'x' has {n} columns; they must be equal.");
        }

        var initialWeights = new double[n];
        ReadOnlySpan<T> raw = warmStart.RawWeights;
        for (int j = 0; j < initialWeights.Length; j++)
        {
            initialWeights[j] = double.CreateTruncating(raw[j]);
        }

        return FitFrom(x, sparseX, isSparse, y, sampleWeights, initialWeights, double.CreateTruncating(warmStart.RawBias), progress, cancellationToken);
    }

    /// <summary>
    /// Fits a model starting from given coefficients (a warm start), with any solver. Otherwise as
    /// <see cref="Fit{T}(ReadOnlyMatrixSpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, LogisticRegressionModel{T}?, IProgress{TrainingProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the model has the same element type.</typeparam>
    /// <param name="x">The m x n examples, row-major, all finite; m &gt;= 1, n &gt;= 1.</param>
    /// <param name="y">The m labels, each exactly 0 or 1, both classes present.</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0), or empty for all ones.</param>
    /// <param name="initialWeights">
    /// The n starting weights of the function on raw features, as <see cref="LogisticRegressionModel{T}.RawWeights"/>: with
    /// standardization they are carried into standardized space as for a warm-start model. Double, so a float fit can start
    /// from a double solution without rounding it.
    /// </param>
    /// <param name="initialBias">The starting bias on raw features (ignored without an intercept).</param>
    /// <param name="progress">Receives each iteration's <see cref="TrainingProgress"/>, on the fitting thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit after the current iteration.</param>
    /// <returns>The model and the report. A start at the optimum stops after 0 iterations.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="initialWeights"/> does not have one weight per column, or the data are invalid as for the other overload.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A starting weight or the bias is not finite; the message names its index and value.</exception>
    /// <exception cref="TrainingDivergedException">Gradient descent or SGD diverged because the learning rate is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public TrainingResult<T> Fit<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<double> initialWeights,
        double initialBias,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckInitialCoefficients(initialWeights, initialBias, x.Columns);
        return FitFrom(x, default, isSparse: false, y, sampleWeights, initialWeights, initialBias, progress, cancellationToken);
    }

    // Starting coefficients: one finite weight per column and a finite bias.
    private static void CheckInitialCoefficients(ReadOnlySpan<double> initialWeights, double initialBias, int columns)
    {
        if (initialWeights.Length != columns)
        {
            ThrowHelper.ThrowArgument(nameof(initialWeights), $"'initialWeights' has {initialWeights.Length} weights but 'x' has {columns} columns; they must be equal.");
        }

        for (int j = 0; j < initialWeights.Length; j++)
        {
            if (!double.IsFinite(initialWeights[j]))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(initialWeights), FormattableString.Invariant($"'initialWeights'[{j}]:{initialWeights[j]} must be finite."));
            }
        }

        if (!double.IsFinite(initialBias))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(initialBias), FormattableString.Invariant($"'initialBias':{initialBias} must be finite."));
        }
    }

    /// <summary>The fit itself of dense <paramref name="x"/> or, when <paramref name="isSparse"/>, of <paramref name="sparseX"/>, from raw-feature coefficients (empty <paramref name="initialWeights"/>: from zero).</summary>
    private TrainingResult<T> FitFrom<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlyCsrMatrixSpan<T> sparseX,
        bool isSparse,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<double> initialWeights,
        double initialBias,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long started = Stopwatch.GetTimestamp();
        FloatingPoint.ThrowIfNotSupported<T>();
        LogisticRegressionOptions options = Options;
        (int negatives, int positives) = isSparse ? TrainingDataValidation.Validate(sparseX, y, sampleWeights) : TrainingDataValidation.Validate(x, y, sampleWeights);
        int m = isSparse ? sparseX.Rows : x.Rows, n = isSparse ? sparseX.Columns : x.Columns;

        (double negativeClassWeight, double positiveClassWeight) = options.ClassWeight.Resolve(negatives, positives);
        T[]? effectiveWeights = EffectiveWeights(y, sampleWeights, negativeClassWeight, positiveClassWeight);
        double totalWeight = 0;
        if (effectiveWeights is null)
        {
            totalWeight = m;
        }
        else
        {
            foreach (T s in effectiveWeights)
            {
                totalWeight += double.CreateTruncating(s);
            }
        }

        double lambda = options.Regularization.LambdaFor(totalWeight);
        if (!double.IsFinite(lambda))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), FormattableString.Invariant($"'Regularization':{options.Regularization} gives lambda = 1/(C*S) = {lambda} for the total sample weight S = {totalWeight:R}; C must be larger."));
        }

        StandardScaler<T>? scaler = null;
        ReadOnlyMatrixSpan<T> features = x;
        ReadOnlyCsrMatrixSpan<T> sparseFeatures = sparseX;
        if (options.Standardize && isSparse)
        {
            // Scaled without centering (means 0), as scikit-learn's StandardScaler(with_mean=False): centering would densify.
            scaler = StandardScaler<T>.FitWithoutCentering(sparseX);
            sparseFeatures = scaler.ScaleValues(sparseX);
        }
        else if (options.Standardize)
        {
            scaler = StandardScaler<T>.Fit(x);
            var standardized = new T[checked(m * n)];
            scaler.Transform(x, standardized);
            features = new ReadOnlyMatrixSpan<T>(standardized, m, n);
        }

        double[] theta = InitialTheta(initialWeights, initialBias, scaler, n, options.FitIntercept);
        var loss = isSparse
            ? new LossFunction<T>(sparseFeatures, y, effectiveWeights, lambda, options.FitIntercept, options.MaxDegreeOfParallelism)
            : new LossFunction<T>(features, y, effectiveWeights, lambda, options.FitIntercept, options.MaxDegreeOfParallelism);
        var run = new SolverRun(options, progress, started, cancellationToken);
        Solver solver = ResolveSolver<T>(options, n);
        SolverOutcome outcome = solver switch
        {
            Solver.GradientDescent => new GradientDescentSolver(n + 1).Minimize(ref loss, theta, run),
            Solver.MiniBatchSgd => new MiniBatchSgdSolver<T>(m, n, options.BatchSize, effectiveWeights is not null).Minimize(ref loss, theta, run),
            Solver.Newton => new NewtonSolver(n).Minimize(ref loss, theta, run),
            _ => new LbfgsSolver(n + 1, options.HistorySize).Minimize(ref loss, theta, run),
        };

        TimeSpan elapsed = run.Elapsed;
        var report = new TrainingReport(
            solver,
            outcome.Iterations,
            loss.Evaluations,
            outcome.Objective,
            outcome.GradientNorm,
            lambda,
            outcome.Reason,
            run.History.AsReadOnly(),
            elapsed)
        { SparseData = isSparse, HessianVectorProducts = loss.HessianVectorProducts, Hessians = loss.Hessians };
        var metadata = new TrainingMetadata(
            solver,
            outcome.Iterations,
            outcome.Objective,
            outcome.GradientNorm,
            outcome.Reason,
            lambda,
            options.Regularization.C,
            options.ClassWeight,
            options.Standardize,
            options.FitIntercept,
            options.Tolerance,
            options.MaxIterations,
            m);

        var weights = new T[n];
        for (int j = 0; j < n; j++)
        {
            weights[j] = T.CreateTruncating(theta[j]);
        }

        T bias = options.FitIntercept ? T.CreateTruncating(theta[n]) : T.Zero;
        return new TrainingResult<T>(new LogisticRegressionModel<T>(weights, bias, scaler, metadata), report);
    }

    /// <summary>
    /// Fits a model to a labelled data set; the model keeps the data set's <see cref="Dataset{T}.FeatureNames"/>
    /// and <see cref="Dataset{T}.ClassLabels"/>. Otherwise as <see cref="Fit{T}(ReadOnlyMatrixSpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, LogisticRegressionModel{T}?, IProgress{TrainingProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the model has the same element type.</typeparam>
    /// <param name="data">The examples and their labels.</param>
    /// <param name="sampleWeights">The sample weights (finite, &gt;= 0), one for each row, or empty for all ones.</param>
    /// <param name="warmStart">A model to start from, or null to start at zero.</param>
    /// <param name="progress">Receives each iteration's <see cref="TrainingProgress"/>, on the fitting thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit after the current iteration.</param>
    /// <returns>The model and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set has no labels, or the data are invalid for the other overload.</exception>
    /// <exception cref="InvalidOperationException">Gradient descent or SGD diverged because the learning rate is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public TrainingResult<T> Fit<T>(
        Dataset<T> data,
        ReadOnlySpan<T> sampleWeights = default,
        LogisticRegressionModel<T>? warmStart = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasLabels || data.ClassLabels is null)
        {
            ThrowHelper.ThrowArgument(nameof(data), $"'{nameof(data)}' has no labels; read it with a label column.");
        }

        TrainingResult<T> result = Fit(data.Features, data.Labels, sampleWeights, warmStart, progress, cancellationToken);
        return result with { Model = result.Model.WithDataNames(data.FeatureNames, data.ClassLabels) };
    }

    /// <summary>The solver <see cref="Solver.Auto"/> stands for (see its rule), or the one asked for.</summary>
    internal static Solver ResolveSolver<T>(LogisticRegressionOptions options, int features)
    {
        if (options.Solver != Solver.Auto)
        {
            return options.Solver;
        }

        bool newton = typeof(T) == typeof(float) || features <= NewtonSolver.MaxCholeskyFeatures || options.Tolerance <= 1e-8;
        return newton ? Solver.Newton : Solver.Lbfgs;
    }

    /// <summary>Sample weight x class weight, or null when every effective weight is 1 (the kernel's default).</summary>
    private static T[]? EffectiveWeights<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, double negativeClassWeight, double positiveClassWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (sampleWeights.IsEmpty && negativeClassWeight == 1 && positiveClassWeight == 1)
        {
            return null;
        }

        var effective = new T[y.Length];
        for (int i = 0; i < effective.Length; i++)
        {
            double sample = sampleWeights.IsEmpty ? 1.0 : double.CreateTruncating(sampleWeights[i]);
            effective[i] = T.CreateTruncating(sample * (y[i] == T.One ? positiveClassWeight : negativeClassWeight));
        }

        return effective;
    }

    /// <summary>theta = [w..., b] of the raw-feature starting function in this fit's parameterization, or zeros when none is given.</summary>
    private static double[] InitialTheta<T>(ReadOnlySpan<double> rawWeights, double rawBias, StandardScaler<T>? scaler, int n, bool fitIntercept)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var theta = new double[n + 1];
        if (rawWeights.IsEmpty)
        {
            return theta;
        }

        double bias = rawBias;
        for (int j = 0; j < n; j++)
        {
            double v = rawWeights[j];
            if (scaler is null)
            {
                theta[j] = v;
            }
            else
            {
                // v . x + c = (v * sigma) . (x - mu) / sigma + (c + v . mu)
                theta[j] = v * double.CreateTruncating(scaler.Scales[j]);
                bias += v * double.CreateTruncating(scaler.Means[j]);
            }
        }

        theta[n] = fitIntercept ? bias : 0.0;
        return theta;
    }

    private static void Validate(LogisticRegressionOptions options)
    {
        if (options.MaxIterations < 1)
        {
            ThrowOption(nameof(options.MaxIterations), options.MaxIterations, "must be at least 1");
        }

        if (!double.IsFinite(options.Tolerance) || options.Tolerance < 0)
        {
            ThrowOption(nameof(options.Tolerance), options.Tolerance, "must be a finite number >= 0");
        }

        if (options.HistorySize < 1)
        {
            ThrowOption(nameof(options.HistorySize), options.HistorySize, "must be at least 1");
        }

        if (!double.IsFinite(options.LearningRate) || options.LearningRate <= 0)
        {
            ThrowOption(nameof(options.LearningRate), options.LearningRate, "must be a finite number > 0");
        }

        if (options.BatchSize < 1)
        {
            ThrowOption(nameof(options.BatchSize), options.BatchSize, "must be at least 1");
        }

        if (!double.IsFinite(options.PowerT) || options.PowerT < 0)
        {
            ThrowOption(nameof(options.PowerT), options.PowerT, "must be a finite number >= 0");
        }

        if (!double.IsFinite(options.Momentum) || options.Momentum < 0 || options.Momentum >= 1)
        {
            ThrowOption(nameof(options.Momentum), options.Momentum, "must be in [0, 1)");
        }

        if (options.MaxDegreeOfParallelism == 0 || options.MaxDegreeOfParallelism < -1)
        {
            ThrowOption(nameof(options.MaxDegreeOfParallelism), options.MaxDegreeOfParallelism, "must be -1 (automatic) or at least 1");
        }

        if (!Enum.IsDefined(options.Solver))
        {
            ThrowOption(nameof(options.Solver), options.Solver, "is not a defined Solver");
        }

        if (!Enum.IsDefined(options.LearningRateSchedule))
        {
            ThrowOption(nameof(options.LearningRateSchedule), options.LearningRateSchedule, "is not a defined LearningRateSchedule");
        }
    }

    private static void ThrowOption<TValue>(string name, TValue value, string rule) =>
        ThrowHelper.ThrowArgumentOutOfRange("options", FormattableString.Invariant($"'{name}':{value} {rule}."));
}
