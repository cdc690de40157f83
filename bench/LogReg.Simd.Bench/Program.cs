using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace LogReg.Simd.Bench;

/// <summary>
/// Runs the benchmarks chosen with --filter (for example --filter '*Gradient*', or '*' for all). With
/// LOGREG_BENCH_SMOKE=1 every class runs once at its smallest parameters (CI's smoke run).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "chart")
        {
            Chart.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "paired")
        {
            PairedGradient.Run(args[1..]);
            return;
        }

        // The generated project builds the library's protobuf code too; on a busy 2-core machine that passes BenchmarkDotNet's 2-minute default.
        ManualConfig config = (Smoke.IsOn ? DefaultConfig.Instance.AddJob(Job.Dry) : ManualConfig.Create(DefaultConfig.Instance)).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
