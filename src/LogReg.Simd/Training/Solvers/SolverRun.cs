using System.Diagnostics;

using LogReg.Simd.Model;

namespace LogReg.Simd.Training.Solvers;

/// <summary>What every solver shares during one fit: the stopping rules, the objective history, progress and cancellation.</summary>
/// <remarks>Created once per fit; recording an iteration allocates nothing (the history has room for every iteration).</remarks>
internal sealed class SolverRun
{
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly long _startTimestamp;

    public SolverRun(LogisticRegressionOptions options, IProgress<TrainingProgress>? progress, long startTimestamp, CancellationToken cancellationToken)
    {
        Options = options;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _startTimestamp = startTimestamp;
        History = new List<double>(options.MaxIterations + 1);
    }

    public LogisticRegressionOptions Options { get; }

    public List<double> History { get; }

    public bool IsCancellationRequested => _cancellationToken.IsCancellationRequested;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Records the objective at the starting point.</summary>
    public void Start(double objective) => History.Add(objective);

    /// <summary>Records one finished iteration and reports it.</summary>
    public void Record(int iteration, double objective, double gradientNorm, double stepSize)
    {
        History.Add(objective);
        _progress?.Report(new TrainingProgress(iteration, objective, gradientNorm, stepSize, Elapsed));
    }

    /// <summary>The reason to stop after <paramref name="iteration"/> iterations, or null to go on.</summary>
    /// <param name="iteration">The iterations done (0 before the first).</param>
    /// <param name="gradientNorm">max |dJ/dtheta| now.</param>
    /// <param name="toleranceStops">Whether the tolerance test applies (always for L-BFGS; for GD and SGD only when Tolerance &gt; 0).</param>
    public ConvergenceReason? StopReason(int iteration, double gradientNorm, bool toleranceStops)
    {
        if (toleranceStops && gradientNorm <= Options.Tolerance)
        {
            return ConvergenceReason.ToleranceReached;
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            return ConvergenceReason.Cancelled;
        }

        return iteration >= Options.MaxIterations ? ConvergenceReason.IterationLimit : null;
    }
}

/// <summary>Where a solver stopped.</summary>
internal readonly record struct SolverOutcome(int Iterations, double Objective, double GradientNorm, ConvergenceReason Reason);
