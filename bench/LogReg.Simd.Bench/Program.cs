using BenchmarkDotNet.Running;

namespace LogReg.Simd.Bench;

/// <summary>Runs the benchmarks chosen with --filter (for example --filter '*Gradient*'); with no arguments it asks.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
