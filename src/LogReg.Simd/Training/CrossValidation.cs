using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Metrics;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>
/// Chooses C by stratified k-fold cross-validation, as scikit-learn's <c>LogisticRegressionCV</c>: on each fold a
/// <see cref="RegularizationPath"/> over the values of C is fitted to the other folds and scored on the held-out one; the C
/// with the best mean score wins, and a final model is refitted on all rows at that C.
/// </summary>
/// <remarks>
/// <para>
/// Deterministic: the split depends only on the labels, K and the seed (<see cref="StratifiedFolds{T}"/>); the folds run one
/// after the other, each fit using the kernel's own threads, which give the same model for every thread count.
/// </para>
/// <para>
/// Weights: a training fold is weighted by its rows' sample weights times the class weights. <see cref="ClassWeight.Balanced"/>
/// is resolved once from the class counts of all rows, as scikit-learn does, so every fold uses the same class weights as
/// the final fit. Held-out scores are weighted by the rows' sample weights (not the class weights), as scikit-learn's default
/// scoring; scikit-learn 1.2's <c>scoring="neg_log_loss"</c> ignores the sample weights.
/// </para>
/// <para>
/// Choice and refit: the best mean score (the lowest log-loss, the highest accuracy or AUC); of equal means, the first C in
/// the order given. The final fit starts from the mean of the folds' raw-feature coefficients at the chosen C, as
/// scikit-learn's <c>refit=True</c>.
/// </para>
/// </remarks>
public static class CrossValidation
{
    /// <summary>Cross-validates the values of <see cref="CrossValidationOptions.Cs"/> and refits at the best one.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="options">The settings of every fit (their regularization is replaced by each C).</param>
    /// <param name="crossValidation">The folds, the values of C, the seed and the scoring.</param>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, 0 or 1.</param>
    /// <param name="sampleWeights">The m sample weights, or empty for all ones.</param>
    /// <param name="cancellationToken">Stops the cross-validation after the current iteration.</param>
    /// <returns>The scores of every fold and C, the chosen C and the model refitted at it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The data are invalid (see <see cref="LogisticRegressionTrainer"/>), the values of C are empty, or a held-out fold weighs nothing
    /// (all its sample weights are 0).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// K is below 2 or above the rows of the smaller class, a value of C is not finite and positive, the scoring is undefined,
    /// or an option is out of range; the message names the setting and its value.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">Gradient descent or SGD diverged.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static CrossValidationResult<T> Fit<T>(
        LogisticRegressionOptions options,
        CrossValidationOptions crossValidation,
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights = default,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(crossValidation);
        FloatingPoint.ThrowIfNotSupported<T>();
        _ = new LogisticRegressionTrainer(options); // checks the options before any fold is cut
        double[] cs = [.. crossValidation.Cs ?? []];
        RegularizationPath.ValidateCs(cs);
        if (!Enum.IsDefined(crossValidation.Scoring))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(crossValidation), $"'Scoring':{crossValidation.Scoring} is not a defined CrossValidationScoring.");
        }

        (int negatives, int positives) = TrainingDataValidation.Validate(x, y, sampleWeights);
        int k = crossValidation.Folds;
        CheckFolds(k, negatives, positives);

        (double negativeWeight, double positiveWeight) = options.ClassWeight.Resolve(negatives, positives);
        LogisticRegressionOptions foldOptions = options.ClassWeight.Mode == ClassWeightMode.Balanced
            ? options with { ClassWeight = ClassWeight.Explicit(negativeWeight, positiveWeight) }
            : options;

        int[] foldOfRow = AssignFolds(y, k, crossValidation.ShuffleSeed);
        var foldScores = new double[k][];
        var foldPaths = new RegularizationPathResult<T>[k];
        for (int fold = 0; fold < k; fold++)
        {
            var split = new FoldSplit<T>(x, y, sampleWeights, foldOfRow, fold);
            if (!sampleWeights.IsEmpty && !HasWeight(split.TestWeights))
            {
                ThrowHelper.ThrowArgument(nameof(sampleWeights), $"Fold {fold} of {k} holds {split.TestY.Length} rows whose sample weights are all 0, so it cannot be scored; use fewer folds or another seed.");
            }

            foldPaths[fold] = RegularizationPath.Fit(foldOptions, cs, split.TrainX, split.TrainY, split.TrainWeights, cancellationToken);
            foldScores[fold] = new double[cs.Length];
            var probabilities = new T[split.TestY.Length];
            for (int c = 0; c < cs.Length; c++)
            {
                foldPaths[fold].Steps[c].Result.Model.PredictProbabilities(split.TestX, probabilities);
                foldScores[fold][c] = Score(crossValidation.Scoring, split.TestY, probabilities, split.TestWeights);
            }
        }

        (double[] means, double[] deviations) = MeanAndDeviation(foldScores, cs.Length);
        int best = BestIndex(means, crossValidation.Scoring);
        (double[] startWeights, double startBias) = MeanCoefficients(foldPaths, best, x.Columns);
        var refitTrainer = new LogisticRegressionTrainer(options with { Regularization = Regularization.FromC(cs[best]) });
        TrainingResult<T> refit = refitTrainer.Fit(x, y, sampleWeights, startWeights, startBias, cancellationToken: cancellationToken);
        if (refit.Report.Reason == ConvergenceReason.Cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new CrossValidationResult<T>(
            cs,
            crossValidation.Scoring,
            foldOfRow,
            Array.ConvertAll(foldScores, scores => (IReadOnlyList<double>)scores),
            means,
            deviations,
            best,
            foldPaths.Sum(path => path.TotalIterations),
            foldPaths.Sum(path => path.Steps.Count(step => !step.Result.Report.Converged)),
            refit);
    }

    /// <summary>
    /// The stratified fold of each row, 0 to <paramref name="folds"/> - 1: scikit-learn's <c>StratifiedKFold</c> assignment.
    /// </summary>
    /// <remarks>
    /// The classes are taken in the order they first appear, and fold f holds as many rows of each class as positions
    /// f, f + K, f + 2K, ... of the labels sorted by that order do, so fold sizes differ by at most one. Each class's rows,
    /// in row order, fill fold 0 first, then fold 1, and so on; with a seed, each class's list of fold numbers is first
    /// shuffled by a Fisher-Yates shuffle driven by <c>new Random(seed)</c> (class of row 0 first). Without a seed the result
    /// equals <c>StratifiedKFold(n_splits=folds, shuffle=False).split</c>'s test folds.
    /// </remarks>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="y">The labels, each 0 or 1, both classes present.</param>
    /// <param name="folds">K, at least 2 and at most the rows of the smaller class.</param>
    /// <param name="shuffleSeed">The seed of the shuffle, or null for none.</param>
    /// <returns>The fold of each row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A label is not 0 or 1, or <paramref name="folds"/> is out of range (the message says the class counts).</exception>
    /// <exception cref="ArgumentException">Only one class is present.</exception>
    public static int[] StratifiedFolds<T>(ReadOnlySpan<T> y, int folds, int? shuffleSeed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int negatives = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] == T.Zero)
            {
                negatives++;
            }
            else if (y[i] != T.One)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(y), FormattableString.Invariant($"y[{i}] is {y[i]}; labels must be exactly 0 or 1."));
            }
        }

        int positives = y.Length - negatives;
        if (negatives == 0 || positives == 0)
        {
            ThrowHelper.ThrowArgument(nameof(y), $"'y' holds only class {(positives == 0 ? 0 : 1)} (all {y.Length} rows); stratified folds need both classes 0 and 1.");
        }

        CheckFolds(folds, negatives, positives);
        return AssignFolds(y, folds, shuffleSeed);
    }

    private static void CheckFolds(int folds, int negatives, int positives)
    {
        if (folds < 2)
        {
            ThrowHelper.ThrowArgumentOutOfRange("Folds", $"'Folds':{folds} must be at least 2.");
        }

        int smaller = Math.Min(negatives, positives);
        if (folds > smaller)
        {
            int smallerClass = negatives <= positives ? 0 : 1;
            ThrowHelper.ThrowArgumentOutOfRange("Folds", $"'Folds':{folds} is more than the {smaller} rows of class {smallerClass}, the smaller class; every fold needs a row of each class.");
        }
    }

    /// <summary>The assignment of <see cref="StratifiedFolds{T}"/> for checked labels and K.</summary>
    private static int[] AssignFolds<T>(ReadOnlySpan<T> y, int folds, int? shuffleSeed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int m = y.Length;
        T firstClass = y[0];
        int firstCount = 0;
        foreach (T label in y)
        {
            if (label == firstClass)
            {
                firstCount++;
            }
        }

        Random? random = shuffleSeed is { } seed ? new Random(seed) : null;
        var foldOfRow = new int[m];
        var foldsForClass = new int[Math.Max(firstCount, m - firstCount)];
        for (int classIndex = 0; classIndex < 2; classIndex++)
        {
            // The class occupies positions [start, end) of the sorted labels.
            int start = classIndex == 0 ? 0 : firstCount, end = classIndex == 0 ? firstCount : m;
            int count = 0;
            for (int fold = 0; fold < folds; fold++)
            {
                int inFold = PositionsBelow(end, fold, folds) - PositionsBelow(start, fold, folds);
                foldsForClass.AsSpan(count, inFold).Fill(fold);
                count += inFold;
            }

            if (random is not null)
            {
                for (int i = count - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (foldsForClass[i], foldsForClass[j]) = (foldsForClass[j], foldsForClass[i]);
                }
            }

            int next = 0;
            for (int i = 0; i < m; i++)
            {
                if ((y[i] == firstClass) == (classIndex == 0))
                {
                    foldOfRow[i] = foldsForClass[next++];
                }
            }
        }

        return foldOfRow;
    }

    /// <summary>How many positions p &lt; <paramref name="limit"/> have p mod <paramref name="folds"/> = <paramref name="fold"/>.</summary>
    private static int PositionsBelow(int limit, int fold, int folds) => limit > fold ? ((limit - 1 - fold) / folds) + 1 : 0;

    private static double Score<T>(CrossValidationScoring scoring, ReadOnlySpan<T> y, ReadOnlySpan<T> probabilities, ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => scoring switch
        {
            CrossValidationScoring.Accuracy => ClassificationMetrics.Accuracy(y, probabilities, sampleWeights: sampleWeights),
            CrossValidationScoring.RocAuc => ClassificationMetrics.RocAuc(y, probabilities, sampleWeights),
            _ => ClassificationMetrics.LogLoss(y, probabilities, sampleWeights),
        };

    private static bool HasWeight<T>(ReadOnlySpan<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (T weight in weights)
        {
            if (weight > T.Zero)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The mean and the population standard deviation (numpy's <c>std</c>) over the folds, for each C.</summary>
    private static (double[] Means, double[] Deviations) MeanAndDeviation(double[][] foldScores, int count)
    {
        var means = new double[count];
        var deviations = new double[count];
        for (int c = 0; c < count; c++)
        {
            double sum = 0;
            foreach (double[] scores in foldScores)
            {
                sum += scores[c];
            }

            double mean = sum / foldScores.Length;
            double squares = 0;
            foreach (double[] scores in foldScores)
            {
                squares += (scores[c] - mean) * (scores[c] - mean);
            }

            means[c] = mean;
            deviations[c] = Math.Sqrt(squares / foldScores.Length);
        }

        return (means, deviations);
    }

    private static int BestIndex(double[] means, CrossValidationScoring scoring)
    {
        bool lowerIsBetter = scoring == CrossValidationScoring.LogLoss;
        int best = 0;
        for (int c = 1; c < means.Length; c++)
        {
            if (lowerIsBetter ? means[c] < means[best] : means[c] > means[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The mean over the folds of the raw-feature coefficients at C number <paramref name="index"/>.</summary>
    private static (double[] Weights, double Bias) MeanCoefficients<T>(RegularizationPathResult<T>[] foldPaths, int index, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var weights = new double[n];
        double bias = 0;
        foreach (RegularizationPathResult<T> path in foldPaths)
        {
            LogisticRegressionModel<T> model = path.Steps[index].Result.Model;
            ReadOnlySpan<T> raw = model.RawWeights;
            for (int j = 0; j < n; j++)
            {
                weights[j] += double.CreateTruncating(raw[j]) / foldPaths.Length;
            }

            bias += double.CreateTruncating(model.RawBias) / foldPaths.Length;
        }

        return (weights, bias);
    }

    /// <summary>The rows of one fold (test) and of the others (train), copied into contiguous arrays.</summary>
    private readonly ref struct FoldSplit<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public FoldSplit(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, int[] foldOfRow, int fold)
        {
            int n = x.Columns;
            int testRows = 0;
            foreach (int f in foldOfRow)
            {
                testRows += f == fold ? 1 : 0;
            }

            int trainRows = foldOfRow.Length - testRows;
            bool weighted = !sampleWeights.IsEmpty;
            var trainX = new T[checked(trainRows * n)];
            var testX = new T[checked(testRows * n)];
            var trainY = new T[trainRows];
            var testY = new T[testRows];
            T[] trainWeights = weighted ? new T[trainRows] : [];
            T[] testWeights = weighted ? new T[testRows] : [];
            int train = 0, test = 0;
            for (int i = 0; i < foldOfRow.Length; i++)
            {
                if (foldOfRow[i] == fold)
                {
                    x.GetRow(i).CopyTo(testX.AsSpan(test * n, n));
                    testY[test] = y[i];
                    if (weighted)
                    {
                        testWeights[test] = sampleWeights[i];
                    }

                    test++;
                }
                else
                {
                    x.GetRow(i).CopyTo(trainX.AsSpan(train * n, n));
                    trainY[train] = y[i];
                    if (weighted)
                    {
                        trainWeights[train] = sampleWeights[i];
                    }

                    train++;
                }
            }

            TrainX = new ReadOnlyMatrixSpan<T>(trainX, trainRows, n);
            TestX = new ReadOnlyMatrixSpan<T>(testX, testRows, n);
            TrainY = trainY;
            TestY = testY;
            TrainWeights = trainWeights;
            TestWeights = testWeights;
        }

        public ReadOnlyMatrixSpan<T> TrainX { get; }

        public ReadOnlyMatrixSpan<T> TestX { get; }

        public ReadOnlySpan<T> TrainY { get; }

        public ReadOnlySpan<T> TestY { get; }

        public ReadOnlySpan<T> TrainWeights { get; }

        public ReadOnlySpan<T> TestWeights { get; }
    }
}

/// <summary>The outcome of <see cref="CrossValidation.Fit{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="Cs">The values of C, in the order fitted.</param>
/// <param name="Scoring">The score the values were compared by.</param>
/// <param name="FoldOfRow">The held-out fold of each row.</param>
/// <param name="FoldScores">The score of each fold (outer) at each C (inner).</param>
/// <param name="MeanScores">The mean score over the folds at each C.</param>
/// <param name="ScoreDeviations">The population standard deviation of the scores over the folds at each C.</param>
/// <param name="BestIndex">The index in <paramref name="Cs"/> of the chosen C.</param>
/// <param name="PathIterations">The iterations of all the folds' paths together.</param>
/// <param name="UnconvergedFits">How many of the folds' fits (K x the values of C) stopped before reaching the tolerance.</param>
/// <param name="Refit">The model refitted on all rows at the chosen C, and its report.</param>
public sealed record CrossValidationResult<T>(
    IReadOnlyList<double> Cs,
    CrossValidationScoring Scoring,
    IReadOnlyList<int> FoldOfRow,
    IReadOnlyList<IReadOnlyList<double>> FoldScores,
    IReadOnlyList<double> MeanScores,
    IReadOnlyList<double> ScoreDeviations,
    int BestIndex,
    int PathIterations,
    int UnconvergedFits,
    TrainingResult<T> Refit)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the chosen C.</summary>
    public double BestC => Cs[BestIndex];

    /// <summary>Gets the number of folds.</summary>
    public int Folds => FoldScores.Count;
}
