using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Training;

public sealed partial class LogisticRegressionTrainerTests
{
    /// <summary>Between the reports of iteration 2 and of the last iteration, the fitting thread allocates nothing.</summary>
    [Theory]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    [InlineData(Solver.MiniBatchSgd)]
    public void SteadyStateIterations_DoNotAllocate(Solver solver)
    {
        ReferenceProblem bc = ReferenceProblem.BreastCancer(1.0);
        var options = bc.Options(new LogisticRegressionOptions { Solver = solver, MaxIterations = 30, Tolerance = 0, MaxDegreeOfParallelism = 1, Momentum = solver == Solver.MiniBatchSgd ? 0.9 : 0 });
        var trainer = new LogisticRegressionTrainer(options);
        trainer.Fit<double>(bc.X, bc.Data.Y);
        var probe = new AllocationProbe(options.MaxIterations);

        TrainingResult<double> result = trainer.Fit<double>(bc.X, bc.Data.Y, progress: probe);

        Assert.Equal(options.MaxIterations, result.Report.Iterations);
        Assert.Equal(options.MaxIterations, probe.Calls);
        Assert.Equal(0, probe.AtLast - probe.AtSecond);
    }

    private sealed class AllocationProbe(int last) : IProgress<TrainingProgress>
    {
        public long AtSecond { get; private set; } = -1;

        public long AtLast { get; private set; } = -2;

        public int Calls { get; private set; }

        public void Report(TrainingProgress value)
        {
            Calls++;
            if (value.Iteration == 2)
            {
                AtSecond = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (value.Iteration == last)
            {
                AtLast = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
