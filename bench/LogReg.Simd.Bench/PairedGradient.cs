using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace LogReg.Simd.Bench;

/// <summary>
/// The passes of <see cref="GradientBenchmarks{T}"/>, on its data, timed in turn in one process, rep after rep: the
/// read-only pass, the fused pass, the column-major pass and the parallel pass on one and two threads, each the median
/// of the reps. On a noisy shared machine, ratios taken within one rep drift less than BenchmarkDotNet's
/// per-benchmark processes.
/// </summary>
/// <remarks>Usage: <c>paired [SHAPES] [REPS]</c>, SHAPES as <c>2000x32,200000x7</c> (default: the benchmark's shapes).</remarks>
public static class PairedGradient
{
    public static void Run(string[] args)
    {
        Shape[] shapes = args.Length > 0 && args[0].Length > 0
            ? [.. args[0].Split(',').Select(s => s.Split('x')).Select(p => new Shape(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))]
            : [.. GradientBenchmarks<float>.Shapes];
        int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        Console.WriteLine("| shape | T | read-only, us | fused, us | fused of read-only | column-major of read-only | 2 threads / 1 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (Shape shape in shapes)
        {
            Measure<float>(shape, reps);
            Measure<double>(shape, reps);
        }
    }

    private static void Measure<T>(Shape shape, int reps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var benchmarks = new GradientBenchmarks<T> { Shape = shape };
        benchmarks.Setup();
        Func<T>[] passes = [benchmarks.ReadOnlyPass, benchmarks.Fused, benchmarks.FusedColumnMajor, benchmarks.Parallel1, benchmarks.Parallel2];

        // Each timing covers about 200 MB of X, so small shapes repeat enough to leave the timer's resolution.
        int inner = (int)Math.Max(1, 200_000_000 / benchmarks.BytesPerOperation);
        for (int i = 0; i < 30; i++)
        {
            Array.ForEach(passes, pass => pass());
        }

        var times = passes.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < reps; r++)
        {
            for (int p = 0; p < passes.Length; p++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < inner; i++)
                {
                    passes[p]();
                }

                times[p].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / inner);
            }
        }

        double[] median = [.. times.Select(t => t.Order().ElementAt(t.Count / 2))];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {shape.Rows}x{shape.Columns} | {(typeof(T) == typeof(float) ? "float" : "double")} | {median[0]:F1} | {median[1]:F1} | {median[0] / median[1]:P0} | {median[0] / median[2]:P0} | {median[3] / median[4]:F2}x |"));
    }
}
