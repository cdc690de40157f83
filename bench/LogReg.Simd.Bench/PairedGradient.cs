using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Bench;

/// <summary>
/// The gradient passes timed in turn, in one process, rep after rep: the read-only pass, the fused pass, the
/// column-major pass and the parallel pass on one and two threads, each the median of the reps. On a noisy shared
/// machine, ratios taken within one rep of the same data drift less than BenchmarkDotNet's per-benchmark processes.
/// </summary>
/// <remarks>Usage: <c>paired [SHAPES] [REPS]</c>, SHAPES as <c>2000x32,200000x7</c> (default: the eight shapes of <see cref="GradientBenchmarks{T}"/>).</remarks>
public static class PairedGradient
{
    private static readonly (int Rows, int Columns)[] DefaultShapes =
        [(2_000, 32), (10_000, 100), (100_000, 100), (1_000_000, 16), (50_000, 1_000), (5_000, 3_000), (20_000, 10), (200_000, 7)];

    public static void Run(string[] args)
    {
        (int Rows, int Columns)[] shapes = args.Length > 0 && args[0].Length > 0
            ? [.. args[0].Split(',').Select(s => s.Split('x')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))]
            : DefaultShapes;
        int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        Console.WriteLine("| shape | T | read-only, us | fused, us | fused of read-only | column-major of read-only | 2 threads / 1 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach ((int m, int n) in shapes)
        {
            Measure<float>(m, n, reps);
            Measure<double>(m, n, reps);
        }
    }

    private static void Measure<T>(int m, int n, int reps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(42);
        var x = new T[m * n];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        var w = new T[n];
        for (int j = 0; j < n; j++)
        {
            w[j] = T.CreateTruncating((random.NextDouble() - 0.5) * 0.2);
        }

        var y = new T[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = T.CreateTruncating(random.Next(2));
        }

        var dw = new T[n];
        T bias = T.CreateTruncating(0.1), lambda = T.CreateTruncating(0.01);
        var columnMajor = ColumnMajorMatrix<T>.FromRows(new ReadOnlyMatrixSpan<T>(x, m, n));
        Func<T>[] passes =
        [
            () => ReadOnlySum.Compute<T>(x),
            () => FusedLossGradient.Compute(new ReadOnlyMatrixSpan<T>(x, m, n), y, default, w, bias, lambda, dw, out _),
            () => ParallelLossGradient.Compute(columnMajor, y, default, w, bias, lambda, dw, out _, 1, SimdWidths.Widest),
            () => ParallelLossGradient.Compute(new ReadOnlyMatrixSpan<T>(x, m, n), y, default, w, bias, lambda, dw, out _, 1),
            () => ParallelLossGradient.Compute(new ReadOnlyMatrixSpan<T>(x, m, n), y, default, w, bias, lambda, dw, out _, 2),
        ];

        // Each timing covers about 200 MB of X, so small shapes repeat enough to leave the timer's resolution.
        int inner = (int)Math.Max(1, 200_000_000 / ((long)m * n * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));
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
            $"| {m}x{n} | {(typeof(T) == typeof(float) ? "float" : "double")} | {median[0]:F1} | {median[1]:F1} | {median[0] / median[1]:P0} | {median[0] / median[2]:P0} | {median[3] / median[4]:F2}x |"));
    }
}
