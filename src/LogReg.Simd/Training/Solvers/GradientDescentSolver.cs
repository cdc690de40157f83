using System.Numerics;
using System.Numerics.Tensors;

using LogReg.Simd.Model;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// The seed's full-batch gradient descent, errata fixed: w &lt;- w - alpha dw, b &lt;- b - alpha db, with a
/// fixed learning rate alpha, for <c>MaxIterations</c> iterations or until max |g| &lt;= <c>Tolerance</c> (when &gt; 0).
/// </summary>
/// <remarks>One loss-and-gradient pass per iteration; the gradient buffer is allocated once.</remarks>
internal sealed class GradientDescentSolver(int length)
{
    private readonly double[] _gradient = new double[length];

    public SolverOutcome Minimize<T>(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double alpha = run.Options.LearningRate;
        bool toleranceStops = run.Options.Tolerance > 0;
        double f = loss.Evaluate(theta, _gradient);
        double gradientNorm = LossFunction<T>.MaxAbs(_gradient);
        run.Start(f);
        ConvergenceReason? stop = run.StopReason(0, gradientNorm, toleranceStops);
        int iteration = 0;
        while (stop is null)
        {
            TensorPrimitives.MultiplyAdd(_gradient, -alpha, theta, theta);
            f = loss.Evaluate(theta, _gradient);
            gradientNorm = LossFunction<T>.MaxAbs(_gradient);
            iteration++;
            SolverGuards.ThrowIfDiverged(Solver.GradientDescent, iteration, f, gradientNorm, alpha);
            run.Record(iteration, f, gradientNorm, alpha);
            stop = run.StopReason(iteration, gradientNorm, toleranceStops);
        }

        return new SolverOutcome(iteration, f, gradientNorm, stop.Value);
    }
}

/// <summary>Checks shared by the fixed-step solvers.</summary>
internal static class SolverGuards
{
    /// <summary>A fixed step that is too long makes theta blow up; say so instead of returning a non-finite model.</summary>
    public static void ThrowIfDiverged(Solver solver, int iteration, double objective, double gradientNorm, double learningRate)
    {
        if (!double.IsFinite(objective) || !double.IsFinite(gradientNorm))
        {
            throw new TrainingDivergedException(solver, iteration, objective, gradientNorm, learningRate);
        }
    }
}
